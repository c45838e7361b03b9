package org.bayan.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.common.Page;
import org.bayan.common.ProblemException;
import org.bayan.common.SqlValues;
import org.bayan.ingest.Message;
import org.bayan.reply.CannedResponseStore;
import org.bayan.reply.CannedResponses;
import org.bayan.reply.OutboundMessage;
import org.bayan.reply.Outbox;
import org.bayan.rumor.RumorQueries;
import org.bayan.search.SearchService;
import org.bayan.sla.CaseSla;
import org.bayan.sla.SlaService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The responder's read views: queues with their counts, case lists, and one case with everything around it. */
@ApplicationScoped
public class CaseQueries {

    @Inject
    EntityManager em;

    @Inject
    RoutingRuleStore rules;

    @Inject
    SlaService sla;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    CannedResponseStore canned;

    @Inject
    SearchService search;

    @Inject
    RumorQueries rumors;

    public record QueueView(String name, long open, long unassigned, long atRisk, long breached, Instant oldestDue) {
    }

    public record SlaView(String policy, String firstResponseState, Instant firstResponseDue, Instant firstResponseAt,
                          String resolutionState, Instant resolutionDue, Instant resolvedAt, boolean paused) {
    }

    public record CaseSummary(long id, String status, String category, Double confidence, String queue,
                              String priority, String channel, String kind, String language, String assignee,
                              boolean escalated, String escalationReason, Instant openedAt, Instant lastMessageAt,
                              int messageCount, String routingRule, SlaView sla) {
    }

    /** One entry of the thread: a citizen message, a reply (with its delivery status), a forward or a note. */
    public record ThreadItem(String type, long id, Instant at, String author, String text, String language,
                             String status, String error, Map<String, Object> classification) {
    }

    public record Suggestion(String cannedId, String title, String text, String language) {
    }

    public record CaseDetail(CaseSummary summary, List<ThreadItem> thread, List<SearchService.Similar> similar,
                             RumorQueries.ClusterSummary cluster, List<Suggestion> suggestedReplies, List<SlaEventView> slaEvents,
                             List<AuditEvent> audit) {
    }

    public record SlaEventView(String target, String kind, Instant dueAt, Instant recordedAt) {
    }

    /**
     * Every queue of the routing file with open / at-risk counts and the earliest due first response; the
     * supervisors' queue also counts escalated cases of other queues (escalation copies a case there).
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<QueueView> queues() {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT c.queue, COUNT(*),
                               SUM(CASE WHEN c.assignee IS NULL THEN 1 ELSE 0 END),
                               SUM(CASE WHEN s.first_response_state = 'at_risk' OR s.resolution_state = 'at_risk' THEN 1 ELSE 0 END),
                               SUM(CASE WHEN s.first_response_state = 'breached' OR s.resolution_state = 'breached' THEN 1 ELSE 0 END),
                               MIN(s.first_response_due)
                        FROM support_case c LEFT JOIN case_sla s ON s.case_id = c.id
                        WHERE c.status <> 'resolved' AND c.queue IS NOT NULL
                        GROUP BY c.queue""").getResultList();
        Map<String, QueueView> byName = new LinkedHashMap<>();
        for (Object[] r : rows) {
            byName.put((String) r[0], new QueueView((String) r[0], num(r[1]), num(r[2]), num(r[3]), num(r[4]),
                    SqlValues.instant(r[5])));
        }
        Object[] escalated = (Object[]) em.createNativeQuery("""
                        SELECT COUNT(*), SUM(CASE WHEN assignee IS NULL THEN 1 ELSE 0 END) FROM support_case
                        WHERE status <> 'resolved' AND escalated = TRUE AND queue <> 'supervisors'""")
                .getSingleResult();
        List<QueueView> result = new ArrayList<>();
        for (String name : rules.current().queues()) {
            QueueView q = byName.getOrDefault(name, new QueueView(name, 0, 0, 0, 0, null));
            if (RoutingRules.SUPERVISORS_QUEUE.equals(name)) {
                q = new QueueView(name, q.open() + num(escalated[0]), q.unassigned() + num(escalated[1]), q.atRisk(),
                        q.breached(), q.oldestDue());
            }
            result.add(q);
        }
        return result;
    }

    /** Cases by queue, status, category and assignee; most urgent first. {@code queue=supervisors} includes escalations. */
    @Transactional
    public Page<CaseSummary> list(String queue, String status, String category, String assignee, int page, int size) {
        Page.check(page, size);
        if (status != null && java.util.Arrays.stream(CaseStatus.values()).noneMatch(s -> s.id().equals(status))) {
            throw ProblemException.badRequest("unknown status '" + status + "'", "status");
        }
        if (category != null && org.bayan.classify.Category.parse(category).isEmpty()) {
            throw ProblemException.badRequest("unknown category '" + category + "'", "category");
        }
        if (queue != null && !rules.current().isQueue(queue)) {
            throw ProblemException.badRequest("unknown queue '" + queue + "'", "queue");
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (queue != null) {
            where.add(RoutingRules.SUPERVISORS_QUEUE.equals(queue) ? "(queue = :queue or escalated = true)" : "queue = :queue");
            params.put("queue", queue);
        }
        if (status != null) {
            where.add("status = :status");
            params.put("status", status);
        } else {
            where.add("status <> 'resolved'");
        }
        if (category != null) {
            where.add("category = :category");
            params.put("category", category);
        }
        if (assignee != null) {
            where.add("assignee = :assignee");
            params.put("assignee", assignee);
        }
        var query = SupportCase.<SupportCase>find(String.join(" and ", where) + " order by priority, openedAt, id", params);
        List<CaseSummary> items = query.page(io.quarkus.panache.common.Page.of(page, size)).list().stream()
                .map(this::summary).toList();
        return new Page<>(items, page, size, query.count());
    }

    @Transactional
    public java.util.Optional<CaseDetail> detail(long caseId) {
        SupportCase c = SupportCase.findById(caseId);
        if (c == null) {
            return java.util.Optional.empty();
        }
        List<ThreadItem> thread = new ArrayList<>();
        List<Message> messages = Message.list("caseId = ?1 and eventType = 'text' order by id", caseId);
        for (Message m : messages) {
            Map<String, Object> classification = new LinkedHashMap<>();
            classification.put("category", m.category);
            classification.put("confidence", m.confidence);
            classification.put("language", m.language);
            classification.put("variety", m.variety);
            classification.put("modelVersion", m.modelVersion);
            thread.add(new ThreadItem("message", m.id, m.receivedAt, null, m.body, m.language, m.state, null, classification));
        }
        for (OutboundMessage o : outbox.ofCase(caseId)) {
            thread.add(new ThreadItem(o.kind, o.id, o.createdAt, o.author,
                    OutboundMessage.REPLY.equals(o.kind) ? o.body : null, o.language, o.status, o.lastError,
                    OutboundMessage.FORWARD.equals(o.kind) ? forwardState(o) : null));
        }
        for (CaseNote n : CaseNote.<CaseNote>list("caseId = ?1 order by id", caseId)) {
            thread.add(new ThreadItem("note", n.id, n.createdAt, n.author, n.body, null, null, null, null));
        }
        thread.sort(Comparator.comparing(ThreadItem::at).thenComparing(ThreadItem::type));
        List<SearchService.Similar> similar = messages.isEmpty() ? List.of()
                : search.similar(messages.get(messages.size() - 1).id, 5).orElse(List.of());
        String language = CannedResponses.replyLanguage(c.language);
        List<Suggestion> suggestions = new ArrayList<>();
        RumorQueries.ClusterSummary cluster = rumors.clusterOfCase(caseId).orElse(null);
        if (cluster != null) {
            // a clarified rumor's official answer comes before any canned response; it is sent with
            // POST /api/v1/rumors/{cluster}/clarification/cases/{case}, which records that the case has it
            rumors.publishedClarification(cluster.id()).ifPresent(clarification -> {
                String answerLanguage = clarification.languageFor(language);
                suggestions.add(new Suggestion(org.bayan.rumor.Clarifications.CANNED_PREFIX + cluster.id(), cluster.title(),
                        clarification.textFor(answerLanguage), answerLanguage));
            });
        }
        if (c.category != null) {
            canned.current().forCategory(c.category).stream()
                    .map(r -> new Suggestion(r.id(), r.titleIn(language), r.textIn(language), language))
                    .forEach(suggestions::add);
        }
        return java.util.Optional.of(new CaseDetail(summary(c), thread, similar, cluster, suggestions,
                sla.events(caseId).stream().map(e -> new SlaEventView(e.target, e.kind, e.dueAt, e.recordedAt)).toList(),
                audit.ofCase(caseId)));
    }

    private static Map<String, Object> forwardState(OutboundMessage o) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("acknowledgedAt", o.acknowledgedAt);
        state.put("reference", o.ackReference);
        state.put("escalateAt", o.escalateAt);
        state.put("escalated", o.escalated);
        return state;
    }

    CaseSummary summary(SupportCase c) {
        SlaView slaView = sla.find(c.id).map(CaseQueries::slaView).orElse(null);
        return new CaseSummary(c.id, c.status, c.category, c.categoryConfidence, c.queue, c.priority, c.channel, c.kind,
                c.language, c.assignee, c.escalated, c.escalationReason, c.openedAt, c.lastMessageAt, c.messageCount,
                c.routingRule, slaView);
    }

    private static SlaView slaView(CaseSla s) {
        return new SlaView(s.policy, s.firstResponseState, s.firstResponseDue, s.firstResponseAt, s.resolutionState,
                s.resolutionDue, s.resolvedAt, s.runningSince == null && s.resolvedAt == null);
    }

    private static long num(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
