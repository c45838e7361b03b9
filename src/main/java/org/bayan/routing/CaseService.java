package org.bayan.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.event.Observes;
import org.bayan.classify.Category;
import org.bayan.classify.Classification;
import org.bayan.reply.ForwardUnacknowledged;
import org.bayan.sla.SlaBreached;
import org.bayan.sla.SlaService;
import org.bayan.ingest.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Groups messages into conversations and cases (one open case per conversation; a message on a resolved
 * conversation opens a new case) and routes cases after classification. Called by the processing worker
 * inside its transaction.
 */
@ApplicationScoped
public class CaseService {

    public static final String SOURCE_MODEL = "model";
    public static final String SOURCE_RESPONDER = "responder";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RoutingRuleStore rules;

    @Inject
    SlaService sla;

    @Inject
    AuditLog audit;

    @Inject
    MeterRegistry registry;

    /** Attaches the message to its conversation's open case, creating either when missing. */
    public SupportCase attach(Message message) {
        Conversation conversation = lockConversation(message.channel, message.conversationKey);
        SupportCase open = SupportCase.<SupportCase>find(
                        "conversationId = ?1 and status <> ?2 order by id desc", conversation.id, CaseStatus.RESOLVED.id())
                .firstResultOptional().orElse(null);
        if (open == null) {
            open = new SupportCase();
            open.conversationId = conversation.id;
            open.channel = message.channel;
            open.kind = message.kind;
            open.status = CaseStatus.NEW.id();
            open.openedAt = message.receivedAt;
            open.lastMessageAt = message.receivedAt;
            open.messageCount = 0;
            open.persist();
            // the id is needed now: the SLA record and the audit log refer to it
            em.flush();
        }
        if (CaseStatus.WAITING.id().equals(open.status)) {
            // the citizen answered: back to work, and the SLA clock runs again
            open.status = open.assignee == null ? CaseStatus.NEW.id() : CaseStatus.ASSIGNED.id();
            sla.citizenWrote(open.id);
            audit.record(open.id, AuditEvent.SYSTEM, "citizen_wrote", CaseStatus.WAITING.id(), open.status);
        }
        open.messageCount++;
        if (message.receivedAt.isAfter(open.lastMessageAt)) {
            open.lastMessageAt = message.receivedAt;
        }
        message.conversationId = conversation.id;
        message.caseId = open.id;
        return open;
    }

    /**
     * Records a message's classification on its case and routes the case when its category changed: the case
     * takes the more time-critical of its current category and the new one, so "thanks" after an urgent report
     * does not downgrade it. After a responder's correction only an urgent report can change the category.
     */
    public void classified(SupportCase supportCase, Message message, Classification result, String clusterState) {
        supportCase.language = result.language();
        Category current = supportCase.category == null ? null : Category.parse(supportCase.category).orElse(null);
        Category incoming = Category.parse(result.category()).orElseThrow();
        boolean corrected = SOURCE_RESPONDER.equals(supportCase.categorySource);
        Category winner = corrected && incoming != Category.URGENT ? current : Category.moreCritical(current, incoming);
        if (winner != current) {
            supportCase.category = winner.id();
            supportCase.categorySource = SOURCE_MODEL;
            supportCase.categoryConfidence = result.confidence();
            supportCase.needsReview = result.needsReview();
        }
        if (winner != current || supportCase.queue == null) {
            route(supportCase, new RoutingInput(supportCase.category, supportCase.categoryConfidence,
                    result.language(), result.variety(), message.channel, message.kind, message.body, clusterState),
                    AuditEvent.SYSTEM);
        }
    }

    /** Applies the routing rules to the case and moves its SLA clock to the new queue's policy. */
    void route(SupportCase supportCase, RoutingInput input, String actor) {
        RoutingDecision decision = rules.current().route(input);
        String before = supportCase.queue == null ? null : supportCase.queue + "/" + supportCase.priority;
        boolean first = supportCase.queue == null;
        supportCase.queue = decision.queue();
        supportCase.priority = decision.priority();
        supportCase.routingRule = decision.rule();
        supportCase.routedAt = clock.instant();
        sla.routed(supportCase.id, decision.queue(), decision.priority(), supportCase.openedAt);
        audit.record(supportCase.id, actor, "route", before,
                decision.queue() + "/" + decision.priority() + " by " + decision.rule());
        if (first) {
            registry.counter("bayan.cases.opened", "queue", decision.queue()).increment();
        }
        Log.infof("Routed case %d to queue %s at %s (rule %s, category %s, confidence %.2f)", supportCase.id,
                decision.queue(), decision.priority(), decision.rule(), input.category(), input.confidence());
    }

    /**
     * Raises an open, routed case to {@code priority} (never lowers it) and re-targets its SLA clock to the
     * queue's policy for that priority; returns whether anything changed.
     */
    public boolean raisePriority(long caseId, String priority, String reason) {
        SupportCase supportCase = em.find(SupportCase.class, caseId, LockModeType.PESSIMISTIC_WRITE);
        if (supportCase == null || supportCase.queue == null || CaseStatus.RESOLVED.id().equals(supportCase.status)
                || (supportCase.priority != null && supportCase.priority.compareTo(priority) <= 0)) {
            return false;
        }
        String before = supportCase.priority;
        supportCase.priority = priority;
        sla.routed(supportCase.id, supportCase.queue, priority, supportCase.openedAt);
        audit.record(caseId, AuditEvent.SYSTEM, "priority", before, priority + " (" + reason + ")");
        return true;
    }

    /** An SLA breach flags the case for supervisors (once: the event itself fires once). */
    void onBreach(@Observes SlaBreached breach) {
        escalate(breach.caseId(), breach.target() + "_breached");
    }

    void onUnacknowledgedForward(@Observes ForwardUnacknowledged event) {
        escalate(event.caseId(), "forward_unacknowledged");
    }

    private void escalate(long caseId, String reason) {
        SupportCase supportCase = em.find(SupportCase.class, caseId);
        if (supportCase == null || supportCase.escalated) {
            return;
        }
        supportCase.escalated = true;
        supportCase.escalatedAt = clock.instant();
        supportCase.escalationReason = reason;
        audit.record(caseId, AuditEvent.SYSTEM, "escalate", null, reason);
    }

    public Optional<SupportCase> find(Long id) {
        return SupportCase.findByIdOptional(id);
    }

    /**
     * Finds or creates the conversation and locks its row, so that two workers (two instances) handling
     * messages of one conversation at once cannot both open a case for it.
     */
    private Conversation lockConversation(String channel, String key) {
        Optional<Conversation> existing = findConversation(channel, key, true);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        em.createNativeQuery("INSERT INTO conversation (channel, external_key, created_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, channel).setParameter(2, key).setParameter(3, now)
                .executeUpdate();
        return findConversation(channel, key, true).orElseThrow();
    }

    private Optional<Conversation> findConversation(String channel, String key, boolean lock) {
        var query = Conversation.<Conversation>find("channel = ?1 and externalKey = ?2", channel, key);
        if (lock) {
            query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional();
    }
}
