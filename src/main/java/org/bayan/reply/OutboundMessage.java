package org.bayan.reply;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One row of the outbox: a reply to a citizen, a forward to the competent authority or an alert. Written in
 * the transaction of the action that caused it; the {@link OutboxWorker} sends it.
 */
@Entity
@Table(name = "outbound")
public class OutboundMessage extends PanacheEntityBase {

    public static final String REPLY = "reply";
    public static final String FORWARD = "forward";
    public static final String ALERT = "alert";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id")
    public Long caseId;

    /** {@link #REPLY}, {@link #FORWARD} or {@link #ALERT} */
    public String kind;

    /** the channel a reply goes back through; {@code forward} / {@code alert} for the others */
    public String channel;

    /** the channel's address of the citizen or thread (never logged) */
    public String recipient;

    /** the citizen message answered */
    @Column(name = "in_reply_to")
    public Long inReplyTo;

    public String body;

    public String language;

    @Column(name = "canned_id")
    public String cannedId;

    public String author;

    /** sent with the request where the receiver supports one; unique, so a row is one delivery */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** {@link OutboundStatus#id()} */
    public String status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** the receiver's id of what it got (message id, comment id …) */
    @Column(name = "provider_id")
    public String providerId;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "ack_reference")
    public String ackReference;

    /** forwards: unacknowledged by then, the case escalates */
    @Column(name = "escalate_at")
    public Instant escalateAt;

    public boolean escalated;
}
