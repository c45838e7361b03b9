package org.bayan.reply;

/** Delivery state of an outbox row, shown per reply on the case. */
public enum OutboundStatus {
    /** waiting for its (next) attempt */
    PENDING,
    /** the receiver answered 2xx */
    SENT,
    /** gave up: attempts exhausted or the receiver refused for good; {@code last_error} says why */
    DEAD,
    /** kept, not sent: the channel has no credentials or URL configured */
    NOT_CONFIGURED;

    public String id() {
        return name().toLowerCase();
    }
}
