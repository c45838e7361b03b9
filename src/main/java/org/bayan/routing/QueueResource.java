package org.bayan.routing;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bayan.security.Role;

import java.util.List;

/** Queues and "claim next". An empty queue answers 204: nothing to do is not a conflict. */
@Path("/api/v1/queues")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
public class QueueResource {

    @Inject
    CaseQueries queries;

    @Inject
    CaseWorkflow workflow;

    @Inject
    SecurityIdentity identity;

    @GET
    public List<CaseQueries.QueueView> queues() {
        return queries.queues();
    }

    @POST
    @Path("/{queue}/claim")
    public Response claim(@PathParam("queue") String queue) {
        return workflow.claim(queue, CaseWorkflow.Actor.of(identity))
                .map(c -> Response.ok(queries.summary(c)).build())
                .orElseGet(() -> Response.noContent().build());
    }
}
