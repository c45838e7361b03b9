package org.bayan.reply;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.bayan.sla.SlaBreached;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes outbox rows. Every method joins the caller's transaction: the reply, forward or alert is stored
 * exactly when the action that caused it commits, and never otherwise. Sending is the {@link OutboxWorker}'s job.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    ChannelRequests requests;

    @Inject
    ReplyConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Where a reply to a citizen message goes. */
    public record Address(String channel, String recipient, Long messageId) {
    }

    /**
     * Derives the reply address from the message being answered: the citizen's id for direct messages, the
     * comment itself for comments (the reply lands in its thread), the chat for Telegram.
     */
    public static Address addressOf(long messageId, String channel, String conversationKey, String externalId) {
        String recipient = switch (channel) {
            // an edited comment's id carries ":edited:…" after the comment id
            case "facebook_comment", "instagram_comment" -> externalId.split(":", 2)[0];
            default -> conversationKey;
        };
        return new Address(channel, recipient, messageId);
    }

    public OutboundMessage reply(long caseId, Address to, String text, String language, String cannedId, String author) {
        OutboundMessage row = row(caseId, OutboundMessage.REPLY, to.channel(), text);
        row.recipient = to.recipient();
        row.inReplyTo = to.messageId();
        row.language = language;
        row.cannedId = cannedId;
        row.author = author;
        settle(row);
        em.persist(row);
        return row;
    }

    /** A forward to the competent authority; unacknowledged after the configured time, the case escalates. */
    public OutboundMessage forward(long caseId, Map<String, Object> payload, String author) {
        OutboundMessage row = row(caseId, OutboundMessage.FORWARD, "forward", null);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("forwardId", row.idempotencyKey);
        body.putAll(payload);
        row.body = write(body);
        row.author = author;
        row.escalateAt = row.createdAt.plus(config.forward().ackTimeout());
        settle(row);
        em.persist(row);
        return row;
    }

    /** An SLA breach is announced to the optional alert webhook; nothing is queued when none is configured. */
    void onBreach(@Observes SlaBreached breach) {
        if (config.alert().url().isEmpty()) {
            return;
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "sla_breach");
        body.put("caseId", breach.caseId());
        body.put("target", breach.target());
        body.put("queue", breach.queue());
        body.put("dueAt", breach.dueAt() == null ? null : breach.dueAt().toString());
        body.put("recordedAt", breach.recordedAt().toString());
        alert(breach.caseId(), body);
    }

    /** A spreading rumor is announced to the optional alert webhook. */
    void onSpike(@Observes org.bayan.rumor.RumorSpiked spike) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "rumor_spike");
        body.put("clusterId", spike.clusterId());
        body.put("spikeId", spike.spikeId());
        body.put("title", spike.title());
        body.put("raisedAt", spike.raisedAt().toString());
        body.put("windowCount", spike.windowCount());
        body.put("previousRate", spike.previousRate());
        body.put("casesRaised", spike.casesRaised());
        alert(null, body);
    }

    public void alert(Long caseId, Map<String, Object> body) {
        if (config.alert().url().isEmpty()) {
            return;
        }
        OutboundMessage row = row(caseId, OutboundMessage.ALERT, "alert", null);
        Map<String, Object> withId = new java.util.LinkedHashMap<>();
        withId.put("alertId", row.idempotencyKey);
        withId.putAll(body);
        row.body = write(withId);
        em.persist(row);
    }

    public List<OutboundMessage> ofCase(long caseId) {
        return OutboundMessage.list("caseId = ?1 order by id", caseId);
    }

    private OutboundMessage row(Long caseId, String kind, String channel, String body) {
        Instant now = clock.instant();
        OutboundMessage row = new OutboundMessage();
        row.caseId = caseId;
        row.kind = kind;
        row.channel = channel;
        row.body = body;
        row.idempotencyKey = UUID.randomUUID().toString();
        row.status = OutboundStatus.PENDING.id();
        row.createdAt = now;
        row.nextAttemptAt = now;
        return row;
    }

    /** A channel without credentials keeps the row, visibly unsent, rather than failing six times. */
    private void settle(OutboundMessage row) {
        if (requests.build(row).isEmpty()) {
            row.status = OutboundStatus.NOT_CONFIGURED.id();
            row.nextAttemptAt = null;
            row.lastError = "not sent: " + (OutboundMessage.FORWARD.equals(row.kind)
                    ? "forward target not configured" : "channel not configured");
            Log.infof("Outbound %s for case %d kept unsent: %s not configured", row.kind, row.caseId, row.channel);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write an outbound body", e);
        }
    }
}
