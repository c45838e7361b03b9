package org.bayan.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * The unit of work of the desk: a conversation's messages from the first one until it is resolved.
 * Category, queue and priority are filled by classification and routing; due times live in the SLA record.
 */
@Entity
@Table(name = "support_case")
public class SupportCase extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id")
    public Long conversationId;

    public String channel;

    /** comment or private, from the message that opened the case */
    public String kind;

    /** {@link CaseStatus#id()} */
    public String status;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "last_message_at")
    public Instant lastMessageAt;

    @Column(name = "message_count")
    public int messageCount;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public String category;

    /** The classification was not confident enough to route without a human look. */
    @Column(name = "needs_review")
    public boolean needsReview;

    /** confidence of the classification the routing used; 1.0 after a responder's correction */
    @Column(name = "category_confidence")
    public Double categoryConfidence;

    /** {@code model}, or {@code responder} once corrected (the model then only raises a case to urgent) */
    @Column(name = "category_source")
    public String categorySource;

    /** language of the latest citizen message: replies and suggestions use it */
    public String language;

    public String queue;

    /** P1 (most urgent) to P4 */
    public String priority;

    /** the routing rule that chose the queue */
    @Column(name = "routing_rule")
    public String routingRule;

    @Column(name = "routed_at")
    public Instant routedAt;

    /** username of the responder working the case */
    public String assignee;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    /** flagged for supervisors (SLA breach, unacknowledged forward); shown in the supervisors' view */
    public boolean escalated;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "escalation_reason")
    public String escalationReason;

    @Version
    public long version;
}
