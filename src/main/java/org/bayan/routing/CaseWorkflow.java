package org.bayan.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.bayan.classify.Category;
import org.bayan.classify.FeedbackService;
import org.bayan.common.ProblemException;
import org.bayan.ingest.Message;
import org.bayan.reply.CannedResponseStore;
import org.bayan.reply.CannedResponses;
import org.bayan.reply.OutboundMessage;
import org.bayan.reply.Outbox;
import org.bayan.security.AppUser;
import org.bayan.sla.SlaService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What responders and supervisors do to cases: claim, reply, wait, resolve, reopen, assign, correct the
 * category, forward, note. Each action is one transaction that changes the case, moves its SLA clock, writes
 * the audit log and, for replies and forwards, the outbox row — all or nothing.
 */
@ApplicationScoped
public class CaseWorkflow {

    /** Longest reply or note accepted; the channels' own limits are lower for some (Messenger: 2,000). */
    public static final int MAX_TEXT = 4000;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SlaService sla;

    @Inject
    AuditLog audit;

    @Inject
    Outbox outbox;

    @Inject
    CannedResponseStore canned;

    @Inject
    RoutingRuleStore rules;

    @Inject
    CaseService cases;

    @Inject
    FeedbackService feedback;

    @Inject
    MeterRegistry registry;

    @Inject
    Event<CaseChanged> changed;

    /** Who is acting: a supervisor (or admin) may act on any case, a responder on unassigned cases and their own. */
    public record Actor(String username, boolean supervisor) {

        public static Actor of(io.quarkus.security.identity.SecurityIdentity identity) {
            return new Actor(identity.getPrincipal().getName(),
                    identity.hasRole(org.bayan.security.Role.SUPERVISOR_NAME)
                            || identity.hasRole(org.bayan.security.Role.ADMIN_NAME));
        }
    }

    /**
     * Assigns the caller the next case of the queue: highest priority first, then earliest first-response due,
     * then oldest. Safe under concurrency on every database: candidate rows are read with
     * {@code FOR UPDATE SKIP LOCKED} (PostgreSQL hands each claimer a different row), and the assignment is a
     * conditional update that only succeeds while the case is still unassigned, so a row two claimers reach
     * anyway (H2) goes to exactly one of them.
     */
    @Transactional
    public Optional<SupportCase> claim(String queue, Actor actor) {
        requireQueue(queue);
        for (int attempt = 0; attempt < 20; attempt++) {
            @SuppressWarnings("unchecked")
            List<Number> candidates = em.createNativeQuery("""
                            SELECT c.id FROM support_case c
                            WHERE c.queue = ?1 AND c.status = 'new' AND c.assignee IS NULL
                            ORDER BY c.priority,
                                     (SELECT s.first_response_due FROM case_sla s WHERE s.case_id = c.id) NULLS LAST,
                                     c.id
                            LIMIT 1 FOR UPDATE SKIP LOCKED""")
                    .setParameter(1, queue).getResultList();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            long id = candidates.get(0).longValue();
            Instant now = clock.instant();
            int won = em.createNativeQuery("""
                            UPDATE support_case SET status = 'assigned', assignee = ?1, assigned_at = ?2,
                                   version = version + 1
                            WHERE id = ?3 AND status = 'new' AND assignee IS NULL""")
                    .setParameter(1, actor.username()).setParameter(2, now).setParameter(3, id).executeUpdate();
            if (won == 1) {
                SupportCase supportCase = em.find(SupportCase.class, id);
                em.refresh(supportCase);
                audit.record(id, actor.username(), "claim", CaseStatus.NEW.id(), "assigned to " + actor.username());
                changed.fire(new CaseChanged(id));
                return Optional.of(supportCase);
            }
        }
        // Twenty lost races in a row: the queue is being drained by others right now.
        return Optional.empty();
    }

    /** A reply to the citizen, typed or canned, in the language of the case's latest message. */
    @Transactional
    public OutboundMessage reply(long caseId, Actor actor, String text, String cannedId) {
        SupportCase supportCase = lockOpen(caseId, actor);
        if ((text == null || text.isBlank()) == (cannedId == null || cannedId.isBlank())) {
            throw ProblemException.badRequest("give either 'text' or 'cannedId'", text == null ? "text" : "cannedId");
        }
        String language = CannedResponses.replyLanguage(supportCase.language);
        String body = text;
        if (cannedId != null && !cannedId.isBlank()) {
            body = canned.current().byId(cannedId)
                    .orElseThrow(() -> ProblemException.badRequest("no canned response '" + cannedId + "'", "cannedId"))
                    .textIn(language);
        }
        requireLength(body, "text");
        Message answered = latestCitizenMessage(caseId)
                .orElseThrow(() -> ProblemException.conflict("case " + caseId + " has no citizen message to answer"));
        OutboundMessage row = outbox.reply(caseId,
                Outbox.addressOf(answered.id, answered.channel, answered.conversationKey, answered.externalId),
                body.strip(), language, cannedId, actor.username());
        takeIfUnassigned(supportCase, actor);
        responded(supportCase);
        audit.record(caseId, actor.username(), "reply", null,
                "outbound " + row.id + (cannedId == null ? "" : " canned " + cannedId) + " (" + language + ")");
        changed.fire(new CaseChanged(caseId));
        return row;
    }

    /**
     * A reply the desk sends on its own behalf — a published rumor clarification — to the given citizen
     * message of the case: it counts as the case's response, but nobody takes the case by it.
     */
    @Transactional
    public OutboundMessage replyOnBehalf(long caseId, Message answered, String text, String language, String cannedId,
                                         String author) {
        SupportCase supportCase = lock(caseId);
        OutboundMessage row = outbox.reply(caseId,
                Outbox.addressOf(answered.id, answered.channel, answered.conversationKey, answered.externalId),
                text, language, cannedId, author);
        responded(supportCase);
        audit.record(caseId, author, "reply", null, "outbound " + row.id + " " + cannedId + " (" + language + ")");
        changed.fire(new CaseChanged(caseId));
        return row;
    }

    /** The SLA clock's first response (and its timer, the first time) for a reply sent now. */
    private void responded(SupportCase supportCase) {
        Instant now = clock.instant();
        boolean first = sla.find(supportCase.id).map(s -> s.firstResponseAt == null).orElse(false);
        sla.responded(supportCase.id, now);
        if (first) {
            Timer.builder("bayan.first.response").tag("queue", String.valueOf(supportCase.queue))
                    .description("Time from a case's first message to its first reply").register(registry)
                    .record(Duration.between(supportCase.openedAt, now));
        }
    }

    /** Waiting on the citizen: the SLA clock stops until they write again. */
    @Transactional
    public SupportCase waitOnCitizen(long caseId, Actor actor) {
        SupportCase supportCase = lockOpen(caseId, actor);
        takeIfUnassigned(supportCase, actor);
        String before = supportCase.status;
        supportCase.status = CaseStatus.WAITING.id();
        sla.waitingOnCitizen(caseId);
        audit.record(caseId, actor.username(), "wait", before, supportCase.status);
        changed.fire(new CaseChanged(caseId));
        return supportCase;
    }

    @Transactional
    public SupportCase resolve(long caseId, Actor actor) {
        SupportCase supportCase = lockOpen(caseId, actor);
        String before = supportCase.status;
        Instant now = clock.instant();
        supportCase.status = CaseStatus.RESOLVED.id();
        supportCase.resolvedAt = now;
        if (supportCase.assignee == null) {
            supportCase.assignee = actor.username();
            supportCase.assignedAt = now;
        }
        sla.resolved(caseId, now);
        registry.counter("bayan.cases.resolved", "queue", String.valueOf(supportCase.queue)).increment();
        audit.record(caseId, actor.username(), "resolve", before, supportCase.status);
        changed.fire(new CaseChanged(caseId));
        return supportCase;
    }

    /** A resolved case opens again, assigned to whoever reopened it, its resolution clock running on. */
    @Transactional
    public SupportCase reopen(long caseId, Actor actor) {
        SupportCase supportCase = lock(caseId);
        if (!CaseStatus.RESOLVED.id().equals(supportCase.status)) {
            throw ProblemException.conflict("case " + caseId + " is not resolved");
        }
        long open = SupportCase.count("conversationId = ?1 and status <> ?2 and id <> ?3",
                supportCase.conversationId, CaseStatus.RESOLVED.id(), caseId);
        if (open > 0) {
            throw ProblemException.conflict("the citizen's conversation already has an open case");
        }
        supportCase.status = CaseStatus.ASSIGNED.id();
        supportCase.assignee = actor.username();
        supportCase.assignedAt = clock.instant();
        supportCase.resolvedAt = null;
        sla.reopened(caseId);
        audit.record(caseId, actor.username(), "reopen", CaseStatus.RESOLVED.id(), supportCase.status);
        changed.fire(new CaseChanged(caseId));
        return supportCase;
    }

    /** Supervisor: hands the case to a responder, or back to the queue when {@code assignee} is null. */
    @Transactional
    public SupportCase assign(long caseId, Actor actor, String assignee) {
        SupportCase supportCase = lockOpen(caseId, actor);
        if (assignee != null && AppUser.find("username", assignee).firstResultOptional().isEmpty()) {
            throw ProblemException.badRequest("no user '" + assignee + "'", "assignee");
        }
        String before = supportCase.assignee;
        supportCase.assignee = assignee;
        supportCase.assignedAt = assignee == null ? null : clock.instant();
        if (!CaseStatus.WAITING.id().equals(supportCase.status)) {
            supportCase.status = assignee == null ? CaseStatus.NEW.id() : CaseStatus.ASSIGNED.id();
        }
        audit.record(caseId, actor.username(), "assign", before, assignee);
        changed.fire(new CaseChanged(caseId));
        return supportCase;
    }

    /**
     * A responder's category correction: the case is routed again (its SLA clock re-targeted, time kept) and
     * the text of the case's latest citizen message is kept as a training example.
     */
    @Transactional
    public SupportCase correctCategory(long caseId, Actor actor, String category) {
        Category parsed = Category.parse(category)
                .orElseThrow(() -> ProblemException.badRequest("unknown category '" + category + "'", "category"));
        SupportCase supportCase = lockOpen(caseId, actor);
        String before = supportCase.category;
        Optional<Message> latest = latestCitizenMessage(caseId);
        supportCase.category = parsed.id();
        supportCase.categorySource = CaseService.SOURCE_RESPONDER;
        supportCase.categoryConfidence = 1.0;
        supportCase.needsReview = false;
        Message m = latest.orElse(null);
        cases.route(supportCase, new RoutingInput(parsed.id(), 1.0, m == null ? supportCase.language : m.language,
                m == null ? null : m.variety, supportCase.channel, supportCase.kind, m == null ? null : m.body, "none"),
                actor.username());
        if (m != null) {
            feedback.record(m.id, m.body, parsed.id(), m.category, actor.username());
        }
        audit.record(caseId, actor.username(), "category", before, parsed.id());
        changed.fire(new CaseChanged(caseId));
        return supportCase;
    }

    /** Urgent: the case goes to the competent authority through the forward webhook; its acknowledgment is tracked. */
    @Transactional
    public OutboundMessage forward(long caseId, Actor actor, String note) {
        SupportCase supportCase = lockOpen(caseId, actor);
        if (note != null) {
            requireLength(note, "note");
        }
        List<Message> thread = Message.list("caseId = ?1 and eventType = 'text' order by id", caseId);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("caseId", caseId);
        payload.put("category", supportCase.category);
        payload.put("channel", supportCase.channel);
        payload.put("openedAt", supportCase.openedAt.toString());
        payload.put("forwardedBy", actor.username());
        payload.put("note", note);
        payload.put("messages", thread.stream().map(m -> Map.of("id", m.id, "receivedAt", m.receivedAt.toString(),
                "text", m.body)).toList());
        OutboundMessage row = outbox.forward(caseId, payload, actor.username());
        takeIfUnassigned(supportCase, actor);
        audit.record(caseId, actor.username(), "forward", null, "outbound " + row.id);
        Log.infof("Case %d forwarded to the competent authority (outbound %d)", caseId, row.id);
        changed.fire(new CaseChanged(caseId));
        return row;
    }

    @Transactional
    public CaseNote note(long caseId, Actor actor, String text) {
        SupportCase supportCase = lock(caseId);
        requireLength(text, "text");
        requireMayAct(supportCase, actor);
        CaseNote note = new CaseNote();
        note.caseId = caseId;
        note.author = actor.username();
        note.body = text.strip();
        note.createdAt = clock.instant();
        note.persist();
        audit.record(caseId, actor.username(), "note", null, "note " + note.id);
        return note;
    }

    private SupportCase lock(long caseId) {
        SupportCase supportCase = em.find(SupportCase.class, caseId, LockModeType.PESSIMISTIC_WRITE);
        if (supportCase == null) {
            throw ProblemException.notFound("no case " + caseId);
        }
        return supportCase;
    }

    /**
     * Locks a case the actor may act on: 404 when it does not exist, 409 when it is resolved or assigned to
     * another responder. Joins the caller's transaction.
     */
    public SupportCase lockOpen(long caseId, Actor actor) {
        SupportCase supportCase = lock(caseId);
        if (CaseStatus.RESOLVED.id().equals(supportCase.status)) {
            throw ProblemException.conflict("case " + caseId + " is resolved; reopen it first");
        }
        requireMayAct(supportCase, actor);
        return supportCase;
    }

    private static void requireMayAct(SupportCase supportCase, Actor actor) {
        if (!actor.supervisor() && supportCase.assignee != null && !supportCase.assignee.equals(actor.username())) {
            throw ProblemException.conflict("case " + supportCase.id + " is assigned to another responder");
        }
    }

    private void takeIfUnassigned(SupportCase supportCase, Actor actor) {
        if (supportCase.assignee == null) {
            supportCase.assignee = actor.username();
            supportCase.assignedAt = clock.instant();
            if (CaseStatus.NEW.id().equals(supportCase.status)) {
                supportCase.status = CaseStatus.ASSIGNED.id();
            }
        }
    }

    private void requireQueue(String queue) {
        if (!rules.current().isQueue(queue)) {
            throw ProblemException.notFound("no queue '" + queue + "'");
        }
    }

    private static void requireLength(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("'" + field + "' must not be empty", field);
        }
        if (text.length() > MAX_TEXT) {
            throw ProblemException.badRequest("'" + field + "' is longer than " + MAX_TEXT + " characters", field);
        }
    }

    private Optional<Message> latestCitizenMessage(long caseId) {
        return Message.<Message>find("caseId = ?1 and eventType = 'text' order by id desc", caseId).firstResultOptional();
    }
}
