package org.bayan.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bayan.classify.Category;
import org.bayan.common.ProblemException;
import org.bayan.routing.CaseQueries;
import org.bayan.routing.CaseWorkflow;
import org.bayan.rumor.RumorDesk;
import org.bayan.security.Role;
import org.jboss.resteasy.reactive.RestForm;

import java.util.Arrays;
import java.util.List;

/**
 * The responder's pages: queues with live SLA countdowns and "claim next", and the case view with its
 * thread, classification, similar messages, rumor cluster, suggested replies and actions. Every action goes
 * through the same {@link CaseWorkflow} as the API, so the rules (who may act, what a state allows) are one.
 */
@Path("/console")
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
@Produces(MediaType.TEXT_HTML)
public class DeskConsole {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queues(ConsoleView view, List<CaseQueries.QueueView> queues, String selected,
                                              List<ConsoleQueries.CaseRow> cases, boolean mine);

        static native TemplateInstance caseView(ConsoleView view, CaseQueries.CaseDetail detail, List<String> categories,
                                                ConsoleQueries.Confidence confidence, String variety);
    }

    @Inject
    ConsoleSession session;

    @Inject
    CaseQueries queries;

    @Inject
    ConsoleQueries console;

    @Inject
    CaseWorkflow workflow;

    @Inject
    RumorDesk rumors;

    @Inject
    SecurityIdentity identity;

    @GET
    public Response home() {
        return Forms.seeOther("/console/queues");
    }

    @GET
    @Path("queues")
    public TemplateInstance queues(@QueryParam("queue") String queue, @QueryParam("mine") boolean mine,
                                   @QueryParam("notice") String notice, @QueryParam("error") String error) {
        List<CaseQueries.QueueView> queueViews = queries.queues();
        String selected = queue != null && queueViews.stream().anyMatch(q -> q.name().equals(queue)) ? queue : null;
        List<ConsoleQueries.CaseRow> rows = console.openCases(selected, mine ? session.username() : null, 200);
        return Templates.queues(view("queues", notice, error), queueViews, selected, rows, mine).setLocale(session.locale());
    }

    @POST
    @Path("queues/{queue}/claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response claim(@PathParam("queue") String queue, @RestForm("token") String token) {
        session.requireFormToken(token);
        String back = "/console/queues?queue=" + java.net.URLEncoder.encode(queue, java.nio.charset.StandardCharsets.UTF_8);
        return Forms.act(back, () -> workflow.claim(queue, actor())
                .map(c -> "/console/cases/" + c.id)
                .orElse(back + "&notice=nothing"));
    }

    @GET
    @Path("cases/{id}")
    public TemplateInstance caseView(@PathParam("id") long id, @QueryParam("notice") String notice,
                                     @QueryParam("error") String error) {
        CaseQueries.CaseDetail detail = queries.detail(id).orElseThrow(() -> ProblemException.notFound("no case " + id));
        List<String> categories = Arrays.stream(Category.values()).map(Category::id).toList();
        return Templates.caseView(view("queues", notice, error), detail, categories, ConsoleQueries.Confidence.of(detail),
                ConsoleQueries.variety(detail)).setLocale(session.locale());
    }

    @POST
    @Path("cases/{id}/reply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reply(@PathParam("id") long id, @RestForm("token") String token, @RestForm("text") String text,
                          @RestForm("cannedId") String cannedId) {
        session.requireFormToken(token);
        return Forms.act(casePath(id), () -> {
            workflow.reply(id, actor(), text, cannedId == null || cannedId.isBlank() ? null : cannedId);
            return casePath(id) + "?notice=replied";
        });
    }

    @POST
    @Path("cases/{id}/{action: wait|resolve|reopen}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response transition(@PathParam("id") long id, @PathParam("action") String action, @RestForm("token") String token) {
        session.requireFormToken(token);
        return Forms.act(casePath(id), () -> {
            switch (action) {
                case "wait" -> workflow.waitOnCitizen(id, actor());
                case "resolve" -> workflow.resolve(id, actor());
                default -> workflow.reopen(id, actor());
            }
            String notice = switch (action) {
                case "wait" -> "waiting";
                case "resolve" -> "resolved";
                default -> "reopened";
            };
            return casePath(id) + "?notice=" + notice;
        });
    }

    @POST
    @Path("cases/{id}/forward")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response forward(@PathParam("id") long id, @RestForm("token") String token, @RestForm("note") String note) {
        session.requireFormToken(token);
        return Forms.act(casePath(id), () -> {
            workflow.forward(id, actor(), note);
            return casePath(id) + "?notice=forwarded";
        });
    }

    @POST
    @Path("cases/{id}/category")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response category(@PathParam("id") long id, @RestForm("token") String token, @RestForm("category") String category) {
        session.requireFormToken(token);
        return Forms.act(casePath(id), () -> {
            workflow.correctCategory(id, actor(), category);
            return casePath(id) + "?notice=category";
        });
    }

    @POST
    @Path("cases/{id}/note")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response note(@PathParam("id") long id, @RestForm("token") String token, @RestForm("text") String text) {
        session.requireFormToken(token);
        return Forms.act(casePath(id), () -> {
            workflow.note(id, actor(), text);
            return casePath(id) + "?notice=note";
        });
    }

    @POST
    @Path("cases/{id}/clarification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendClarification(@PathParam("id") long id, @RestForm("token") String token,
                                      @RestForm("cluster") Long cluster) {
        session.requireFormToken(token);
        return Forms.act(casePath(id), () -> {
            if (cluster == null) {
                throw ProblemException.badRequest("cluster is required", "cluster");
            }
            rumors.sendClarification(cluster, id, actor());
            return casePath(id) + "?notice=clarification-sent";
        });
    }

    private static String casePath(long id) {
        return "/console/cases/" + id;
    }

    private CaseWorkflow.Actor actor() {
        return CaseWorkflow.Actor.of(identity);
    }

    private ConsoleView view(String active, String notice, String error) {
        return session.view(active, Forms.notice(notice, session.language()), error);
    }
}
