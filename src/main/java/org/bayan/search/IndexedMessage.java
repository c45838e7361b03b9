package org.bayan.search;

import java.time.Instant;

/** What the index holds of one processed message (read from the database, the source of truth). */
public record IndexedMessage(long id, Long caseId, String text, String channel, String language, String variety,
                             String category, String queue, String status, Long clusterId, Instant receivedAt,
                             Instant processedAt) {

    public IndexedMessage withCluster(Long cluster) {
        return new IndexedMessage(id, caseId, text, channel, language, variety, category, queue, status, cluster,
                receivedAt, processedAt);
    }
}
