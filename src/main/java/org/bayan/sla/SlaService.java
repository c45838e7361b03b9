package org.bayan.sla;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps each case's SLA record in step with what happens to the case. Callers (routing, the responder
 * workflow, clarifications) already hold a transaction; every method joins it, so an action and its effect
 * on the clock commit together.
 */
@ApplicationScoped
public class SlaService {

    @Inject
    EntityManager em;

    @Inject
    SlaPolicyStore policies;

    @Inject
    SlaConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<SlaBreached> breaches;

    @Inject
    MeterRegistry registry;

    private SlaClock slaClock() {
        return new SlaClock(config.atRiskRatio());
    }

    /** At-risk and breach events of a case, oldest first. */
    public java.util.List<SlaEvent> events(long caseId) {
        return SlaEvent.list("caseId = ?1 order by id", caseId);
    }

    public Optional<CaseSla> find(long caseId) {
        return Optional.ofNullable(em.find(CaseSla.class, caseId));
    }

    /**
     * The case got (or changed) its queue and priority: starts its clock from {@code openedAt} the first time,
     * else re-targets the running clock to the new policy keeping the time already counted. A queue without
     * a policy has no clock.
     */
    public void routed(long caseId, String queue, String priority, Instant openedAt) {
        Optional<SlaPolicy> policy = policies.current().policyFor(queue, priority);
        CaseSla sla = em.find(CaseSla.class, caseId);
        if (policy.isEmpty()) {
            return;
        }
        if (sla == null) {
            sla = new CaseSla();
            sla.caseId = caseId;
            sla.queue = queue;
            slaClock().start(sla, policy.get(), openedAt);
            em.persist(sla);
            // A case processed late (a backlog, a restart) can already be past due: do not wait for the evaluator.
            evaluate(sla, clock.instant());
            return;
        }
        sla.queue = queue;
        if (!sla.policy.equals(policy.get().name())) {
            slaClock().retarget(sla, policies.calendarOf(sla), policy.get(), clock.instant());
        }
    }

    public void waitingOnCitizen(long caseId) {
        find(caseId).ifPresent(sla -> slaClock().pause(sla, policies.calendarOf(sla), clock.instant()));
    }

    public void citizenWrote(long caseId) {
        find(caseId).filter(sla -> sla.resolvedAt == null)
                .ifPresent(sla -> slaClock().resume(sla, policies.calendarOf(sla), clock.instant()));
    }

    /** A responder's first reply (or a published clarification) answers the first-response target. */
    public void responded(long caseId, Instant at) {
        find(caseId).ifPresent(sla -> {
            Instant due = sla.firstResponseDue;
            if (slaClock().firstResponse(sla, at)) {
                record(sla, SlaEvent.FIRST_RESPONSE, SlaEvent.BREACHED, sla.queue, due, at);
            }
        });
    }

    public void resolved(long caseId, Instant at) {
        find(caseId).ifPresent(sla -> {
            Instant due = sla.resolutionDue;
            if (slaClock().resolve(sla, policies.calendarOf(sla), at)) {
                record(sla, SlaEvent.RESOLUTION, SlaEvent.BREACHED, sla.queue, due, at);
            }
        });
    }

    public void reopened(long caseId) {
        find(caseId).ifPresent(sla -> slaClock().reopen(sla, policies.calendarOf(sla), clock.instant()));
    }

    /**
     * Marks what is at risk or breached at {@code now} on one record. Events are inserted with the unique
     * (case, target, kind) key, so two evaluators, or an evaluator after a restart, never record one twice.
     */
    void evaluate(CaseSla sla, Instant now) {
        String queue = sla.queue;
        if (open(sla.firstResponseState) && sla.firstResponseDue != null) {
            if (!sla.firstResponseDue.isAfter(now)) {
                sla.firstResponseState = SlaState.BREACHED.id();
                record(sla, SlaEvent.FIRST_RESPONSE, SlaEvent.BREACHED, queue, sla.firstResponseDue, now);
            } else if (SlaState.OK.id().equals(sla.firstResponseState) && !sla.firstResponseRiskAt.isAfter(now)) {
                sla.firstResponseState = SlaState.AT_RISK.id();
                record(sla, SlaEvent.FIRST_RESPONSE, SlaEvent.AT_RISK, queue, sla.firstResponseDue, now);
            }
        }
        if (open(sla.resolutionState) && sla.resolutionDue != null) {
            if (!sla.resolutionDue.isAfter(now)) {
                sla.resolutionState = SlaState.BREACHED.id();
                record(sla, SlaEvent.RESOLUTION, SlaEvent.BREACHED, queue, sla.resolutionDue, now);
            } else if (SlaState.OK.id().equals(sla.resolutionState) && !sla.resolutionRiskAt.isAfter(now)) {
                sla.resolutionState = SlaState.AT_RISK.id();
                record(sla, SlaEvent.RESOLUTION, SlaEvent.AT_RISK, queue, sla.resolutionDue, now);
            }
        }
    }

    private static boolean open(String state) {
        return SlaState.OK.id().equals(state) || SlaState.AT_RISK.id().equals(state);
    }

    private void record(CaseSla sla, String target, String kind, String queue, Instant due, Instant now) {
        int inserted = em.createNativeQuery("""
                        INSERT INTO sla_event (case_id, target, kind, queue, due_at, recorded_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING""")
                .setParameter(1, sla.caseId).setParameter(2, target).setParameter(3, kind)
                .setParameter(4, queue).setParameter(5, due).setParameter(6, now)
                .executeUpdate();
        if (inserted == 0 || !SlaEvent.BREACHED.equals(kind)) {
            return;
        }
        registry.counter("bayan.sla.breaches", "queue", String.valueOf(queue), "target", target).increment();
        Log.infof("SLA %s target of case %d breached (queue %s, due %s)", target, sla.caseId, queue, due);
        breaches.fire(new SlaBreached(sla.caseId, target, queue, due, now));
    }
}
