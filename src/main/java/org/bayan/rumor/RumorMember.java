package org.bayan.rumor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A message's place in a cluster. */
@Entity
@Table(name = "rumor_member")
public class RumorMember extends PanacheEntityBase {

    public static final String BY_MODEL = "model";

    @Id
    @Column(name = "message_id")
    public Long messageId;

    @Column(name = "cluster_id")
    public Long clusterId;

    @Column(name = "case_id")
    public Long caseId;

    /** Similarity to the cluster when the message joined; null when a supervisor put it there. */
    public Double similarity;

    /** When the message reached Bayan: what the hourly counts and the spike rule count. */
    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "joined_at")
    public Instant joinedAt;

    @Column(name = "joined_by")
    public String joinedBy;

    /** How many of the cluster's messages reached Bayan in (after, upTo]: the hourly counts and the spike rule. */
    public static int arrivals(long clusterId, java.time.Instant after, java.time.Instant upTo) {
        return (int) count("clusterId = ?1 and receivedAt > ?2 and receivedAt <= ?3", clusterId, after, upTo);
    }
}
