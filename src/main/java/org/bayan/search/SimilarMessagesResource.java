package org.bayan.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bayan.common.ProblemException;
import org.bayan.security.Role;

import java.util.List;

/** The most similar earlier messages to one message (its own root path: /api/v1/messages belongs to ingest). */
@Path("/api/v1/messages/{id}/similar")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
public class SimilarMessagesResource {

    @Inject
    SearchService search;

    @GET
    public List<SearchService.Similar> similar(@PathParam("id") long id,
                                               @QueryParam("size") @DefaultValue("10") int size) {
        if (size < 1 || size > 50) {
            throw ProblemException.badRequest("size must be between 1 and 50", "size");
        }
        return search.similar(id, size).orElseThrow(() -> ProblemException.notFound("Message " + id + " is not indexed"));
    }
}
