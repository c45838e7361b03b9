package org.bayan.search;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.bayan.routing.CaseChanged;
import org.bayan.rumor.MessagesReclustered;

/**
 * Re-indexes a case's messages once a change to the case (or to their rumor cluster) has committed, so filters
 * and facets on status, queue, category and cluster follow corrections. A failure here loses nothing: the next rebuild reads the database.
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

    /** A message's rumor cluster changed (moved, merged, split): its cluster facet follows. */
    void onReclustered(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesReclustered event) {
        try {
            index.index(source.byIds(event.messageIds()));
        } catch (RuntimeException e) {
            Log.warnf("%d messages changed cluster but were not re-indexed (%s)", event.messageIds().size(),
                    e.getClass().getSimpleName());
        }
    }
}
