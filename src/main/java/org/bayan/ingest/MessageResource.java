package org.bayan.ingest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bayan.common.Page;
import org.bayan.common.ProblemException;
import org.bayan.security.Role;

/** What arrived, newest first, with its case and processing state. */
@Path("/api/v1/messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
public class MessageResource {

    @Inject
    MessageQueryService messages;

    @GET
    public Page<MessageQueryService.MessageView> list(@QueryParam("channel") String channel,
                                                      @QueryParam("externalId") String externalId,
                                                      @QueryParam("conversation") String conversation,
                                                      @QueryParam("page") @DefaultValue("0") int page,
                                                      @QueryParam("size") @DefaultValue("50") int size) {
        return messages.list(channel, externalId, conversation, page, size);
    }

    @GET
    @Path("{id}")
    public MessageQueryService.MessageView get(@PathParam("id") long id) {
        return messages.get(id).orElseThrow(() -> ProblemException.notFound("No message " + id));
    }
}
