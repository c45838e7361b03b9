package org.bayan.search;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.bayan.routing.CaseChanged;

/**
 * Re-indexes a case's messages once a change to the case has committed, so filters and facets on status,
 * queue and category follow corrections. A failure here loses nothing: the next rebuild reads the database.
 */
@ApplicationScoped
public class CaseIndexUpdater {

    @Inject
    IndexSource source;

    @Inject
    SearchIndex index;

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CaseChanged event) {
        try {
            index.index(source.byCase(event.caseId()));
        } catch (RuntimeException e) {
            Log.warnf("Case %d changed but its messages were not re-indexed (%s)", event.caseId(),
                    e.getClass().getSimpleName());
        }
    }
}
