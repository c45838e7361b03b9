package org.bayan.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bayan.metrics.SlaMetricsService;
import org.bayan.routing.CaseQueries;
import org.bayan.routing.CaseWorkflow;
import org.bayan.rumor.RumorQueries;
import org.bayan.security.Role;
import org.bayan.security.UserService;
import org.jboss.resteasy.reactive.RestForm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervisor's page: is the desk keeping its promises? SLA compliance and first-response times per day,
 * backlog per queue, the breach list (with reassignment), workload per responder, rumors by growth with spike
 * alerts, and CSV export of the same figures as {@code GET /api/v1/metrics/sla}.
 */
@Path("/console/dashboard")
@RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
@Produces(MediaType.TEXT_HTML)
public class SupervisorConsole {

    static final Duration CHART_RANGE = Duration.ofDays(14);
    static final Duration TABLE_RANGE = Duration.ofDays(7);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(ConsoleView view, String complianceChart, String timesChart,
                                                 List<CaseQueries.QueueView> queues, List<SlaMetricsService.Row> responders,
                                                 List<ConsoleQueries.CaseRow> breaches, List<UserService.UserView> users,
                                                 List<RumorQueries.ClusterSummary> rumors, List<RumorQueries.SpikeView> spikes,
                                                 RumorQueries.ClarifyFigures clarify, int days);
    }

    @Inject
    ConsoleSession session;

    @Inject
    SlaMetricsService metrics;

    @Inject
    CaseQueries cases;

    @Inject
    ConsoleQueries console;

    @Inject
    UserService users;

    @Inject
    RumorQueries rumors;

    @Inject
    CaseWorkflow workflow;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @GET
    public TemplateInstance dashboard(@QueryParam("notice") String notice, @QueryParam("error") String error)
            throws JsonProcessingException {
        Instant now = clock.instant();
        SlaMetricsService.Report daily = metrics.report(now.minus(CHART_RANGE), now, SlaMetricsService.GroupBy.DAY);
        Map<String, SlaMetricsService.Row> byDay = new LinkedHashMap<>();
        daily.rows().forEach(r -> byDay.put(r.group().substring(0, Math.min(10, r.group().length())), r));
        List<String> labels = new ArrayList<>();
        List<Double> frCompliance = new ArrayList<>();
        List<Double> resCompliance = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p90 = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(now.minus(CHART_RANGE), ZoneOffset.UTC).plusDays(1);
        for (LocalDate day = first; !day.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC)); day = day.plusDays(1)) {
            SlaMetricsService.Row row = byDay.get(day.toString());
            labels.add(day.toString());
            frCompliance.add(row == null ? null : percent(row.firstResponseCompliance()));
            resCompliance.add(row == null ? null : percent(row.resolutionCompliance()));
            p50.add(row == null ? null : minutes(row.firstResponseP50()));
            p90.add(row == null ? null : minutes(row.firstResponseP90()));
        }
        Map<String, Object> compliance = chart(labels, 100, dataset("first response", frCompliance, "#0b5cad"),
                dataset("resolution", resCompliance, "#067647"));
        Map<String, Object> times = chart(labels, null, dataset("p50", p50, "#0b5cad"), dataset("p90", p90, "#b54708"));
        List<SlaMetricsService.Row> responders = metrics.report(now.minus(TABLE_RANGE), now, SlaMetricsService.GroupBy.RESPONDER).rows();
        return Templates.dashboard(session.view("dashboard", Forms.notice(notice, session.language()), error),
                json.writeValueAsString(compliance), json.writeValueAsString(times), cases.queues(), responders,
                console.breachedCases(100), users.list(), rumors.list(null, 0, 8).items(),
                rumors.spikesSince(now.minus(Duration.ofDays(1))), rumors.clarifyFigures(now.minus(TABLE_RANGE), now),
                (int) TABLE_RANGE.toDays()).setLocale(session.locale());
    }

    /** The SLA report as CSV (same columns as the API's), by day, queue, category, responder or channel. */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("groupBy") String groupBy) {
        Instant now = clock.instant();
        SlaMetricsService.GroupBy group = SlaMetricsService.GroupBy.parse(groupBy == null ? "day" : groupBy);
        String csv = SlaMetricsService.csv(metrics.report(now.minus(TABLE_RANGE), now, group));
        return Response.ok(csv).header("Content-Disposition", "attachment; filename=\"bayan-sla-" + group.name().toLowerCase()
                + ".csv\"").build();
    }

    @POST
    @Path("assign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(@RestForm("token") String token, @RestForm("case") Long caseId, @RestForm("assignee") String assignee) {
        session.requireFormToken(token);
        return Forms.act("/console/dashboard", () -> {
            if (caseId == null) {
                throw org.bayan.common.ProblemException.badRequest("case is required", "case");
            }
            workflow.assign(caseId, CaseWorkflow.Actor.of(identity), assignee);
            return "/console/dashboard?notice=assigned";
        });
    }

    private static Map<String, Object> chart(List<String> labels, Integer max, Map<String, Object>... datasets) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "line");
        chart.put("labels", labels);
        chart.put("max", max);
        chart.put("datasets", List.of(datasets));
        return chart;
    }

    private static Map<String, Object> dataset(String label, List<Double> data, String color) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("label", label);
        dataset.put("data", data);
        dataset.put("color", color);
        return dataset;
    }

    private static Double percent(Double share) {
        return share == null ? null : Math.round(share * 1000) / 10.0;
    }

    private static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6.0) / 10.0;
    }
}
