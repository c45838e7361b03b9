package org.bayan.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A stored webhook event. Rows are inserted by {@link InboxService} (plain JDBC, for deduplication in the
 * database) and read and updated through this entity by the processing worker and the API.
 */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    @Id
    public Long id;

    public String channel;

    @Column(name = "external_id")
    public String externalId;

    public String source;

    @Column(name = "conversation_key")
    public String conversationKey;

    @Column(name = "author_id")
    public String authorId;

    public String kind;

    @Column(name = "event_type")
    public String eventType;

    /** The citizen's text; null for non-text events. Never logged. */
    public String body;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** {@link MessageState#id()} */
    public String state;

    public int attempts;

    @Column(name = "processed_at")
    public Instant processedAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "conversation_id")
    public Long conversationId;

    @Column(name = "case_id")
    public Long caseId;

    /** Set by the processing worker from the classifier. */
    public String category;

    public Double confidence;

    public String language;

    public String variety;

    @Column(name = "needs_review")
    public Boolean needsReview;

    @Column(name = "model_version")
    public String modelVersion;
}
