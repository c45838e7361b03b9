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
 * Category, queue, priority and due times are filled by classification, routing and SLA.
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

    public String queue;

    public String priority;

    @Column(name = "first_response_due")
    public Instant firstResponseDue;

    @Column(name = "resolution_due")
    public Instant resolutionDue;

    @Version
    public long version;
}
