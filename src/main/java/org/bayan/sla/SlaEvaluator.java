package org.bayan.sla;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The periodic SLA check. It reads only stored instants (due, at-risk) and stored states, so a restart
 * loses nothing and re-fires nothing: a target already marked is not selected again, and the unique key of
 * {@code sla_event} stops a second instance recording the same event.
 */
@ApplicationScoped
public class SlaEvaluator {

    private static final int BATCH = 500;

    @Inject
    EntityManager em;

    @Inject
    SlaService sla;

    @Inject
    Clock clock;

    @Scheduled(every = "${bayan.sla.evaluation-interval:PT15S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            evaluate(clock.instant());
        } catch (RuntimeException e) {
            Log.warnf("SLA evaluation failed (%s); it runs again at the next interval", e.getClass().getSimpleName());
        }
    }

    /** Marks every target at risk or breached at {@code now}; returns how many records it looked at. */
    public int evaluate(Instant now) {
        int total = 0;
        int seen;
        do {
            seen = evaluateBatch(now);
            total += seen;
        } while (seen == BATCH);
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    int evaluateBatch(Instant now) {
        // SKIP LOCKED: two instances split the work instead of waiting on each other.
        List<Object> rows = em.createNativeQuery("""
                        SELECT case_id FROM case_sla
                        WHERE (first_response_state IN ('ok', 'at_risk') AND first_response_risk_at <= ?1)
                           OR (resolution_state IN ('ok', 'at_risk') AND resolution_risk_at <= ?1)
                        ORDER BY case_id LIMIT %d FOR UPDATE SKIP LOCKED""".formatted(BATCH))
                .setParameter(1, now).getResultList();
        for (Object id : rows) {
            sla.evaluate(em.find(CaseSla.class, ((Number) id).longValue()), now);
        }
        return rows.size();
    }
}
