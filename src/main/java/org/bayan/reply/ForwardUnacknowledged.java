package org.bayan.reply;

/** Fired once when a forward was not acknowledged in time; routing escalates the case. */
public record ForwardUnacknowledged(long caseId, long forwardId) {
}
