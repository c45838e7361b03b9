package org.bayan.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of one case's SLA clock, kept free of the database so it can be tested with plain
 * instants. One counter serves both targets: both start at the first message, both pause while the case
 * waits on the citizen; a target stops mattering once it is met.
 * <p>
 * Called by {@link SlaService}; every method leaves the stored due and at-risk instants consistent with
 * the counter, so the evaluator never recomputes anything.
 */
public final class SlaClock {

    private final double atRiskRatio;

    public SlaClock(double atRiskRatio) {
        this.atRiskRatio = atRiskRatio;
    }

    /** A new case: the clock starts at the message's arrival, not when the worker got to it. */
    public void start(CaseSla sla, SlaPolicy policy, Instant arrival) {
        sla.startedAt = arrival;
        sla.runningSince = arrival;
        sla.elapsedMs = 0;
        sla.firstResponseState = SlaState.OK.id();
        sla.resolutionState = policy.resolution() == null ? SlaState.NONE.id() : SlaState.OK.id();
        apply(sla, policy);
        recompute(sla, policy.calendar());
    }

    /** Counted time so far. */
    public Duration elapsed(CaseSla sla, BusinessCalendar calendar, Instant now) {
        Duration running = sla.runningSince == null ? Duration.ZERO : calendar.between(sla.runningSince, now);
        return Duration.ofMillis(sla.elapsedMs).plus(running);
    }

    /** The case waits on the citizen (or is resolved): the clock stops, nothing is due meanwhile. */
    public void pause(CaseSla sla, BusinessCalendar calendar, Instant now) {
        if (sla.runningSince == null) {
            return;
        }
        sla.elapsedMs = elapsed(sla, calendar, now).toMillis();
        sla.runningSince = null;
        recompute(sla, calendar);
    }

    /** The citizen wrote again (or the case was reopened): the clock goes on from where it stopped. */
    public void resume(CaseSla sla, BusinessCalendar calendar, Instant now) {
        if (sla.runningSince != null) {
            return;
        }
        sla.runningSince = now;
        recompute(sla, calendar);
    }

    /**
     * The case moved to another queue or priority: the new policy's targets apply to the time already
     * counted (a case that waited 20 minutes in review and turns out urgent is already overdue).
     */
    public void retarget(CaseSla sla, BusinessCalendar oldCalendar, SlaPolicy policy, Instant now) {
        if (sla.runningSince != null) {
            sla.elapsedMs = elapsed(sla, oldCalendar, now).toMillis();
            sla.runningSince = now;
        }
        apply(sla, policy);
        if (policy.resolution() == null) {
            sla.resolutionState = SlaState.NONE.id();
        } else if (SlaState.NONE.id().equals(sla.resolutionState)) {
            sla.resolutionState = sla.resolvedAt == null ? SlaState.OK.id() : SlaState.MET.id();
        }
        recompute(sla, policy.calendar());
    }

    /**
     * Records the first response; returns true when it came after the due time (a breach the evaluator may
     * not have seen yet).
     */
    public boolean firstResponse(CaseSla sla, Instant at) {
        if (sla.firstResponseAt != null) {
            return false;
        }
        sla.firstResponseAt = at;
        sla.firstResponseSeconds = Math.max(0, Duration.between(sla.startedAt, at).toSeconds());
        boolean late = sla.firstResponseDue != null && at.isAfter(sla.firstResponseDue);
        if (late || SlaState.BREACHED.id().equals(sla.firstResponseState)) {
            sla.firstResponseState = SlaState.BREACHED.id();
        } else {
            sla.firstResponseState = SlaState.MET.id();
        }
        sla.firstResponseDue = null;
        sla.firstResponseRiskAt = null;
        return late;
    }

    /** Resolution stops the clock; returns true when it came after the due time. */
    public boolean resolve(CaseSla sla, BusinessCalendar calendar, Instant at) {
        boolean late = sla.resolutionDue != null && at.isAfter(sla.resolutionDue);
        pause(sla, calendar, at);
        sla.resolvedAt = at;
        sla.resolutionSeconds = Math.max(0, Duration.between(sla.startedAt, at).toSeconds());
        if (!SlaState.NONE.id().equals(sla.resolutionState)) {
            sla.resolutionState = late || SlaState.BREACHED.id().equals(sla.resolutionState)
                    ? SlaState.BREACHED.id() : SlaState.MET.id();
        }
        return late;
    }

    /** A reopened case runs again; a breach already recorded stays recorded. */
    public void reopen(CaseSla sla, BusinessCalendar calendar, Instant now) {
        sla.resolvedAt = null;
        sla.resolutionSeconds = null;
        if (SlaState.MET.id().equals(sla.resolutionState)) {
            sla.resolutionState = SlaState.OK.id();
        }
        resume(sla, calendar, now);
    }

    private void apply(CaseSla sla, SlaPolicy policy) {
        sla.policy = policy.name();
        sla.calendar = policy.calendar().isAlways() ? null : policy.calendar().name();
        sla.firstResponseTargetMs = policy.firstResponse().toMillis();
        sla.resolutionTargetMs = policy.resolution() == null ? null : policy.resolution().toMillis();
    }

    /** Stored due and at-risk instants from the counter; cleared while paused and for targets already settled. */
    void recompute(CaseSla sla, BusinessCalendar calendar) {
        boolean running = sla.runningSince != null;
        boolean frOpen = running && sla.firstResponseAt == null && sla.firstResponseTargetMs != null;
        sla.firstResponseDue = frOpen ? due(sla, calendar, sla.firstResponseTargetMs, 1.0) : null;
        sla.firstResponseRiskAt = frOpen ? due(sla, calendar, sla.firstResponseTargetMs, atRiskRatio) : null;
        boolean resOpen = running && sla.resolvedAt == null && sla.resolutionTargetMs != null;
        sla.resolutionDue = resOpen ? due(sla, calendar, sla.resolutionTargetMs, 1.0) : null;
        sla.resolutionRiskAt = resOpen ? due(sla, calendar, sla.resolutionTargetMs, atRiskRatio) : null;
    }

    private Instant due(CaseSla sla, BusinessCalendar calendar, long targetMs, double share) {
        long remaining = Math.round(targetMs * share) - sla.elapsedMs;
        return calendar.plus(sla.runningSince, Duration.ofMillis(remaining));
    }
}
