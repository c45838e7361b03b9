package org.bayan.metrics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bayan.common.ProblemException;
import org.bayan.security.Role;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Response-time metrics for supervisors, as JSON or (Accept: text/csv) CSV. */
@Path("/api/v1/metrics/sla")
@RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
public class SlaMetricsResource {

    @Inject
    SlaMetricsService metrics;

    /** JSON unless the client asks for CSV only (a browser or {@code curl} default of any type gets JSON). */
    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("groupBy") @DefaultValue("queue") String groupBy,
                           @HeaderParam("Accept") String accept) {
        SlaMetricsService.Report report = metrics.report(instant(from, "from"), instant(to, "to"),
                SlaMetricsService.GroupBy.parse(groupBy));
        boolean csv = accept != null && accept.contains("text/csv") && !accept.contains(MediaType.APPLICATION_JSON);
        return csv
                ? Response.ok(SlaMetricsService.csv(report), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"sla-" + report.groupBy() + ".csv\"").build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + field + "' must be an ISO-8601 instant such as 2026-11-01T00:00:00Z",
                    field);
        }
    }
}
