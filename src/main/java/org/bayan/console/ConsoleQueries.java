package org.bayan.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.common.SqlValues;
import org.bayan.routing.CaseQueries;
import org.bayan.routing.RoutingRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads shaped for the console's lists: a queue row needs the opening words of the citizen's last message and
 * the next SLA deadline in one line, which the API's case summaries do not carry.
 */
@ApplicationScoped
public class ConsoleQueries {

    static final int EXCERPT = 160;

    @Inject
    EntityManager em;

    /**
     * One open case as a queue row. {@code due} is the deadline the responder races now: first response until
     * there is one, then resolution; null while the clock is paused (waiting on the citizen).
     */
    public record CaseRow(long id, String status, String category, String priority, String queue, String channel,
                          String assignee, String excerpt, String language, Instant openedAt, Instant due,
                          String dueState, String dueTarget) {
    }

    /** An SLA warning for the live view. */
    public record SlaWarning(long eventId, long caseId, String target, String kind, String queue, Instant dueAt) {
    }

    /** The classifier's confidence in the case's category, as a percentage, when the model set it. */
    public record Confidence(Integer percent) {

        static Confidence of(CaseQueries.CaseDetail detail) {
            Double value = detail.summary().confidence();
            return new Confidence(value == null ? null : (int) Math.round(value * 100));
        }
    }

    static String variety(CaseQueries.CaseDetail detail) {
        for (int i = detail.thread().size() - 1; i >= 0; i--) {
            CaseQueries.ThreadItem item = detail.thread().get(i);
            if ("message".equals(item.type()) && item.classification() != null) {
                Object variety = item.classification().get("variety");
                if (variety != null) {
                    return variety.toString();
                }
            }
        }
        return null;
    }

    @Transactional
    public List<CaseRow> openCases(String queue, String assignee, int limit) {
        StringBuilder where = new StringBuilder("c.status <> 'resolved'");
        if (queue != null) {
            where.append(RoutingRules.SUPERVISORS_QUEUE.equals(queue) ? " AND (c.queue = :queue OR c.escalated = TRUE)" : " AND c.queue = :queue");
        }
        if (assignee != null) {
            where.append(" AND c.assignee = :assignee");
        }
        var query = em.createNativeQuery(SELECT_ROWS + "\nWHERE " + where + "\n" + """
                 ORDER BY c.priority, COALESCE(s.first_response_due, s.resolution_due), c.id""")
                .setMaxResults(limit);
        if (queue != null) {
            query.setParameter("queue", queue);
        }
        if (assignee != null) {
            query.setParameter("assignee", assignee);
        }
        return rows(query.getResultList());
    }

    /** Open cases with a breached target, the longest overdue first: the supervisor's breach list. */
    @Transactional
    public List<CaseRow> breachedCases(int limit) {
        var query = em.createNativeQuery(SELECT_ROWS + "\n" + """
                 WHERE c.status <> 'resolved' AND (s.first_response_state = 'breached' OR s.resolution_state = 'breached')
                 ORDER BY COALESCE(s.first_response_due, s.resolution_due), c.id""").setMaxResults(limit);
        return rows(query.getResultList());
    }

    /** Cases opened after {@code afterId}, oldest first: what the live view announces. */
    @Transactional
    public List<CaseRow> casesAfter(long afterId, int limit) {
        var query = em.createNativeQuery(SELECT_ROWS + "\nWHERE c.id > :after ORDER BY c.id").setParameter("after", afterId)
                .setMaxResults(limit);
        return rows(query.getResultList());
    }

    @Transactional
    public long lastCaseId() {
        return ((Number) em.createNativeQuery("SELECT COALESCE(MAX(id), 0) FROM support_case").getSingleResult()).longValue();
    }

    @Transactional
    public long lastSlaEventId() {
        return ((Number) em.createNativeQuery("SELECT COALESCE(MAX(id), 0) FROM sla_event").getSingleResult()).longValue();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<SlaWarning> slaEventsAfter(long afterId, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, case_id, target, kind, queue, due_at FROM sla_event WHERE id > :after ORDER BY id""")
                .setParameter("after", afterId).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new SlaWarning(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3], (String) r[4], SqlValues.instant(r[5]))).toList();
    }

    private static final String SELECT_ROWS = """
            SELECT c.id, c.status, c.category, c.priority, c.queue, c.channel, c.assignee, c.language, c.opened_at,
                   s.running_since, s.first_response_at, s.first_response_due, s.first_response_state,
                   s.resolution_due, s.resolution_state,
                   (SELECT m.body FROM message m WHERE m.case_id = c.id AND m.event_type = 'text'
                    ORDER BY m.id DESC LIMIT 1)
            FROM support_case c LEFT JOIN case_sla s ON s.case_id = c.id""";

    @SuppressWarnings("unchecked")
    private static List<CaseRow> rows(List<?> result) {
        List<CaseRow> rows = new ArrayList<>();
        for (Object row : result) {
            Object[] r = (Object[]) row;
            boolean running = r[9] != null;
            boolean answered = r[10] != null;
            Instant due = !running ? null : SqlValues.instant(answered ? r[13] : r[11]);
            String state = (String) (answered ? r[14] : r[12]);
            rows.add(new CaseRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], excerpt((String) r[15]), (String) r[7], SqlValues.instant(r[8]), due, state,
                    answered ? "resolution" : "first_response"));
        }
        return rows;
    }

    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= EXCERPT) {
            return flat;
        }
        int cut = EXCERPT;
        if (Character.isHighSurrogate(flat.charAt(cut - 1))) {
            cut--;
        }
        return flat.substring(0, cut) + "…";
    }

    static Map<String, Object> json(CaseRow row) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("id", row.id());
        json.put("category", row.category());
        json.put("priority", row.priority());
        json.put("queue", row.queue());
        json.put("channel", row.channel());
        json.put("excerpt", row.excerpt());
        json.put("due", row.due() == null ? null : row.due().toString());
        json.put("dueState", row.dueState());
        return json;
    }
}
