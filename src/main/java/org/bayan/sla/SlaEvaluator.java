package org.bayan.sla;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.common.Database;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The periodic SLA check. It reads only stored instants (due, at-risk) and stored states, so a restart
 * loses nothing and re-fires nothing: a target already marked is not selected again, and the unique key of
 * {@code sla_event} stops a second instance recording the same event.
 * <p>
 * On PostgreSQL, several instances may share the database; each batch first takes a transaction-scoped advisory
 * lock, and an instance that cannot get it leaves the run to the one holding it. Without it two evaluators would
 * race through the same breaches and rely on the unique key alone, firing the breach's side effects
 * (escalation, alert) from whichever commits first. H2 has no advisory locks, and with H2 one instance is the only
 * supported deployment.
 */
@ApplicationScoped
public class SlaEvaluator {

    private static final int BATCH = 500;

    /** The advisory lock every instance's evaluator asks for; any fixed number no other feature uses. */
    static final long ADVISORY_LOCK_KEY = 0x42_61_79_61_6e_53_4c_41L;

    /** A batch that found the lock held by another instance. */
    private static final int LOCKED_ELSEWHERE = -1;

    @Inject
    EntityManager em;

    @Inject
    SlaService sla;

    @Inject
    Clock clock;

    @Inject
    Database database;

    @Scheduled(every = "${bayan.sla.evaluation-interval:PT15S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            evaluate(clock.instant());
        } catch (RuntimeException e) {
            Log.warnf("SLA evaluation failed (%s); it runs again at the next interval", e.getClass().getSimpleName());
        }
    }

    /**
     * Marks every target at risk or breached at {@code now}; returns how many records it looked at (0 when another
     * instance holds the evaluation lock: that one does the run).
     */
    public int evaluate(Instant now) {
        int total = 0;
        int seen;
        do {
            seen = evaluateBatch(now);
            if (seen == LOCKED_ELSEWHERE) {
                Log.debug("SLA evaluation is running on another instance; skipping this run");
                break;
            }
            total += seen;
        } while (seen == BATCH);
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    int evaluateBatch(Instant now) {
        // Transaction-scoped: released by the commit of this batch, and by PostgreSQL itself if the instance dies.
        if (database.isPostgres() && !Boolean.TRUE.equals(em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, ADVISORY_LOCK_KEY).getSingleResult())) {
            return LOCKED_ELSEWHERE;
        }
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
