package org.bayan.rumor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** One claim circulating among citizens, however many people ask about it and in whatever dialect. */
@Entity
@Table(name = "rumor_cluster")
public class RumorCluster extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String CLARIFIED = "clarified";
    public static final String DISMISSED = "dismissed";
    /**
     * Folded into another cluster, by a supervisor or by the clustering once the two proved one claim
     * ({@link RumorClustering}); {@link #mergedInto} names it.
     */
    public static final String MERGED = "merged";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    @Column(name = "representative_message")
    public Long representativeMessage;

    public String status;

    @Column(name = "merged_into")
    public Long mergedInto;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    @Column(name = "message_count")
    public int messageCount;

    @Column(name = "auto_answer")
    public boolean autoAnswer;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "clarified_at")
    public Instant clarifiedAt;

    @Column(name = "last_spike_at")
    public Instant lastSpikeAt;

    /** Words a supervisor taught for this claim, in {@link ClaimWords#canonical} form; null when none. */
    @Column(name = "claim_words")
    public String claimWords;

    @Column(name = "claim_words_by")
    public String claimWordsBy;

    @Column(name = "claim_words_at")
    public Instant claimWordsAt;

    @Version
    public long version;

    /** Whether the cluster spiked within one window before {@code at}. */
    public boolean spikingAt(Instant at, java.time.Duration window) {
        return lastSpikeAt != null && lastSpikeAt.isAfter(at.minus(window));
    }

    /** Whether new messages can still join it (dismissed and merged clusters take none). */
    public boolean attracts() {
        return OPEN.equals(status) || CLARIFIED.equals(status);
    }
}
