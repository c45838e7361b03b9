package org.bayan.sla;

/** Where one target (first response or resolution) of a case stands. */
public enum SlaState {
    /** running, less than the at-risk share of the target used */
    OK,
    /** at least the at-risk share used, not yet due */
    AT_RISK,
    /** due and not met; recorded once as an {@link SlaEvent} */
    BREACHED,
    /** met in time */
    MET,
    /** the policy has no such target (e.g. no resolution target for the review queue) */
    NONE;

    public String id() {
        return name().toLowerCase();
    }

    public static SlaState of(String id) {
        return valueOf(id.toUpperCase());
    }
}
