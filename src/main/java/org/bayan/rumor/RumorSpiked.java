package org.bayan.rumor;

import java.time.Instant;

/** Fired inside the transaction that recorded a spike; observers add to it (the alert webhook's outbox row). */
public record RumorSpiked(long clusterId, long spikeId, String title, Instant raisedAt, int windowCount,
                          double previousRate, int casesRaised) {
}
