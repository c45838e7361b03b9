package org.bayan.sla;

import java.time.Instant;

/**
 * Fired (synchronously, inside the transaction that recorded it) the one time a target of a case is
 * breached. Routing flags and escalates the case; the outbox queues the optional alert webhook.
 */
public record SlaBreached(long caseId, String target, String queue, Instant dueAt, Instant recordedAt) {
}
