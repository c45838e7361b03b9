package org.bayan.routing;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bayan.common.Page;
import org.bayan.common.ProblemException;
import org.bayan.reply.OutboundMessage;
import org.bayan.security.Role;

/** The responder workflow over HTTP: read cases and act on them. Every action is audited by the service. */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
public class CaseResource {

    @Inject
    CaseQueries queries;

    @Inject
    CaseWorkflow workflow;

    @Inject
    SecurityIdentity identity;

    public record ReplyRequest(String text, String cannedId) {
    }

    public record AssignRequest(String assignee) {
    }

    public record CategoryRequest(String category) {
    }

    public record ForwardRequest(String note) {
    }

    public record NoteRequest(String text) {
    }

    /** What an action returns: the case as it now is, and the outbox row it created, if any. */
    public record ActionResult(CaseQueries.CaseSummary supportCase, OutboundView outbound) {
    }

    public record OutboundView(long id, String kind, String channel, String status, String language, String error) {
        static OutboundView of(OutboundMessage o) {
            return new OutboundView(o.id, o.kind, o.channel, o.status, o.language, o.lastError);
        }
    }

    @GET
    public Page<CaseQueries.CaseSummary> list(@QueryParam("queue") String queue, @QueryParam("status") String status,
                                              @QueryParam("category") String category,
                                              @QueryParam("assignee") String assignee,
                                              @QueryParam("page") @DefaultValue("0") int page,
                                              @QueryParam("size") @DefaultValue("50") int size) {
        return queries.list(queue, status, category, assignee, page, size);
    }

    @GET
    @Path("/{id}")
    public CaseQueries.CaseDetail get(@PathParam("id") long id) {
        return queries.detail(id).orElseThrow(() -> ProblemException.notFound("no case " + id));
    }

    @POST
    @Path("/{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public ActionResult reply(@PathParam("id") long id, ReplyRequest request) {
        require(request);
        OutboundMessage row = workflow.reply(id, actor(), request.text(), request.cannedId());
        return result(id, row);
    }

    @POST
    @Path("/{id}/wait")
    public ActionResult waitOnCitizen(@PathParam("id") long id) {
        workflow.waitOnCitizen(id, actor());
        return result(id, null);
    }

    @POST
    @Path("/{id}/resolve")
    public ActionResult resolve(@PathParam("id") long id) {
        workflow.resolve(id, actor());
        return result(id, null);
    }

    @POST
    @Path("/{id}/reopen")
    public ActionResult reopen(@PathParam("id") long id) {
        workflow.reopen(id, actor());
        return result(id, null);
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public ActionResult assign(@PathParam("id") long id, AssignRequest request) {
        require(request);
        workflow.assign(id, actor(), request.assignee());
        return result(id, null);
    }

    @POST
    @Path("/{id}/category")
    @Consumes(MediaType.APPLICATION_JSON)
    public ActionResult category(@PathParam("id") long id, CategoryRequest request) {
        require(request);
        if (request.category() == null) {
            throw ProblemException.badRequest("'category' is required", "category");
        }
        workflow.correctCategory(id, actor(), request.category());
        return result(id, null);
    }

    @POST
    @Path("/{id}/forward")
    @Consumes(MediaType.APPLICATION_JSON)
    public ActionResult forward(@PathParam("id") long id, ForwardRequest request) {
        OutboundMessage row = workflow.forward(id, actor(), request == null ? null : request.note());
        return result(id, row);
    }

    @POST
    @Path("/{id}/note")
    @Consumes(MediaType.APPLICATION_JSON)
    public CaseNote note(@PathParam("id") long id, NoteRequest request) {
        require(request);
        return workflow.note(id, actor(), request.text());
    }

    private ActionResult result(long id, OutboundMessage row) {
        return new ActionResult(queries.detail(id).map(CaseQueries.CaseDetail::summary).orElse(null),
                row == null ? null : OutboundView.of(row));
    }

    private CaseWorkflow.Actor actor() {
        return CaseWorkflow.Actor.of(identity);
    }

    private static void require(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required", null);
        }
    }
}
