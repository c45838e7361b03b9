package org.bayan.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.common.ProblemException;
import org.bayan.common.SqlValues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Supervisor response-time figures, computed by SQL on the database (H2 and PostgreSQL alike) from the times
 * stored when things happened: first-response and resolution seconds, SLA states and events. Percentiles are
 * {@code PERCENTILE_CONT} (linear interpolation between the two nearest values).
 * <p>
 * Flow figures (arrivals, percentiles, compliance, breaches) cover cases opened in [from, to); stock figures
 * (backlog, oldest waiting) are as of now, for all open cases of the group.
 */
@ApplicationScoped
public class SlaMetricsService {

    /** Longest range one request may cover: the query scans every case opened in it. */
    static final Duration MAX_RANGE = Duration.ofDays(366);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    public enum GroupBy {
        QUEUE("c.queue"), CATEGORY("c.category"), RESPONDER("c.assignee"), CHANNEL("c.channel"),
        DAY("DATE_TRUNC('day', c.opened_at)"), HOUR("DATE_TRUNC('hour', c.opened_at)");

        final String expression;

        GroupBy(String expression) {
            this.expression = expression;
        }

        public static GroupBy parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("groupBy must be one of queue, category, responder, channel, day, hour",
                        "groupBy");
            }
        }
    }

    public record Row(String group, long arrivals, long firstResponses, Double firstResponseP50, Double firstResponseP90,
                      Double firstResponseP99, long resolved, Double resolutionP50, Double resolutionP90,
                      Double firstResponseCompliance, Double resolutionCompliance, long breaches, long backlog,
                      Instant oldestWaiting) {
    }

    public record Report(Instant from, Instant to, String groupBy, List<Row> rows) {
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Report report(Instant from, Instant to, GroupBy groupBy) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(Duration.ofDays(7));
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("'from' must be before 'to'", "from");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw ProblemException.badRequest("the range may cover at most 366 days", "to");
        }
        String key = groupBy.expression;
        List<Object[]> flow = em.createNativeQuery("""
                        SELECT %1$s AS grp,
                               COUNT(*),
                               COUNT(s.first_response_at),
                               PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.first_response_seconds),
                               PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY s.first_response_seconds),
                               PERCENTILE_CONT(0.99) WITHIN GROUP (ORDER BY s.first_response_seconds),
                               COUNT(s.resolved_at),
                               PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.resolution_seconds),
                               PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY s.resolution_seconds),
                               SUM(CASE WHEN s.first_response_state = 'met' THEN 1 ELSE 0 END),
                               SUM(CASE WHEN s.first_response_state = 'breached' THEN 1 ELSE 0 END),
                               SUM(CASE WHEN s.resolution_state = 'met' THEN 1 ELSE 0 END),
                               SUM(CASE WHEN s.resolution_state = 'breached' THEN 1 ELSE 0 END)
                        FROM support_case c LEFT JOIN case_sla s ON s.case_id = c.id
                        WHERE c.opened_at >= ?1 AND c.opened_at < ?2
                        GROUP BY %1$s""".formatted(key))
                .setParameter(1, start).setParameter(2, end).getResultList();
        List<Object[]> stock = em.createNativeQuery("""
                        SELECT %1$s AS grp, COUNT(*),
                               MIN(CASE WHEN s.first_response_at IS NULL THEN c.opened_at END)
                        FROM support_case c LEFT JOIN case_sla s ON s.case_id = c.id
                        WHERE c.status <> 'resolved'
                        GROUP BY %1$s""".formatted(key)).getResultList();
        Map<String, Object[]> stockByGroup = new HashMap<>();
        for (Object[] r : stock) {
            stockByGroup.put(group(r[0]), r);
        }
        Map<String, Row> rows = new TreeMap<>();
        for (Object[] r : flow) {
            String g = group(r[0]);
            Object[] s = stockByGroup.remove(g);
            long frMet = num(r[9]);
            long frBreached = num(r[10]);
            long resMet = num(r[11]);
            long resBreached = num(r[12]);
            rows.put(g, new Row(g, num(r[1]), num(r[2]), dbl(r[3]), dbl(r[4]), dbl(r[5]), num(r[6]), dbl(r[7]),
                    dbl(r[8]), share(frMet, frBreached), share(resMet, resBreached), frBreached + resBreached,
                    s == null ? 0 : num(s[1]), s == null ? null : SqlValues.instant(s[2])));
        }
        if (groupBy != GroupBy.DAY && groupBy != GroupBy.HOUR) {
            // groups with open cases but no arrival in the range still show their backlog
            for (var e : stockByGroup.entrySet()) {
                rows.put(e.getKey(), new Row(e.getKey(), 0, 0, null, null, null, 0, null, null, null, null, 0,
                        num(e.getValue()[1]), SqlValues.instant(e.getValue()[2])));
            }
        }
        return new Report(start, end, groupBy.name().toLowerCase(Locale.ROOT), new ArrayList<>(rows.values()));
    }

    /** The report as CSV, one line per group; durations in seconds, compliance as a fraction. */
    public static String csv(Report report) {
        StringBuilder out = new StringBuilder(
                "group,arrivals,first_responses,first_response_p50_s,first_response_p90_s,first_response_p99_s,"
                        + "resolved,resolution_p50_s,resolution_p90_s,first_response_compliance,resolution_compliance,"
                        + "breaches,backlog,oldest_waiting\n");
        for (Row r : report.rows()) {
            out.append(cell(r.group())).append(',').append(r.arrivals()).append(',').append(r.firstResponses())
                    .append(',').append(fmt(r.firstResponseP50())).append(',').append(fmt(r.firstResponseP90()))
                    .append(',').append(fmt(r.firstResponseP99())).append(',').append(r.resolved())
                    .append(',').append(fmt(r.resolutionP50())).append(',').append(fmt(r.resolutionP90()))
                    .append(',').append(fmt(r.firstResponseCompliance())).append(',')
                    .append(fmt(r.resolutionCompliance())).append(',').append(r.breaches()).append(',')
                    .append(r.backlog()).append(',').append(r.oldestWaiting() == null ? "" : r.oldestWaiting())
                    .append('\n');
        }
        return out.toString();
    }

    private static String cell(String value) {
        // a responder's name could start with = or contain commas: keep spreadsheets from reading it as a formula
        String safe = value.startsWith("=") || value.startsWith("+") || value.startsWith("-") || value.startsWith("@")
                ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static String fmt(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String group(Object value) {
        if (value == null) {
            return "(none)";
        }
        Instant instant = value instanceof String ? null : SqlValues.instant(value);
        return instant != null ? instant.toString() : value.toString();
    }

    private static Double share(long met, long breached) {
        return met + breached == 0 ? null : (double) met / (met + breached);
    }

    private static long num(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double dbl(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
