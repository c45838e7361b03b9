package org.bayan.rumor;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.bayan.common.Page;
import org.bayan.common.ProblemException;
import org.bayan.reply.OutboundMessage;
import org.bayan.routing.CaseWorkflow;
import org.bayan.security.Role;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The rumor desk over HTTP. Everyone on the desk reads clusters and may send a published clarification to a
 * case they may act on; supervisors (and admins) shape clusters and write and publish clarifications.
 */
@Path("/api/v1/rumors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
public class RumorResource {

    @Inject
    RumorQueries queries;

    @Inject
    RumorDesk desk;

    @Inject
    SecurityIdentity identity;

    @Inject
    java.time.Clock clock;

    public record MergeRequest(List<Long> clusterIds) {
    }

    public record SplitRequest(List<Long> messageIds, String title) {
    }

    /** One message ({@code messageId}) or several at once ({@code messageIds}, up to 100), not both. */
    public record MoveRequest(Long messageId, List<Long> messageIds) {
    }

    public record PublishResult(int delivered, int alreadyDelivered, RumorQueries.ClusterSummary cluster) {
    }

    public record SendResult(long outboundId, String status, String language, RumorQueries.ClusterSummary cluster) {
    }

    /** Clusters by recent growth; {@code status} open, clarified, dismissed or merged (default: open and clarified). */
    @GET
    public Page<RumorQueries.ClusterSummary> list(@QueryParam("status") String status,
                                                 @QueryParam("page") @DefaultValue("0") int page,
                                                 @QueryParam("size") @DefaultValue("50") int size) {
        return queries.list(status, page, size);
    }

    /** Spikes raised since {@code since} (ISO-8601 instant; default the last 24 hours), newest first. */
    @GET
    @Path("/spikes")
    public List<RumorQueries.SpikeView> spikes(@QueryParam("since") String since) {
        return queries.spikesSince(since == null ? clock.instant().minus(Duration.ofDays(1)) : instant(since, "since"));
    }

    /** Time-to-clarify of clusters first seen in [from, to) (ISO-8601 instants; default the last 7 days). */
    @GET
    @Path("/clarify-metrics")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public RumorQueries.ClarifyFigures clarifyMetrics(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = to == null ? clock.instant() : instant(to, "to");
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : instant(from, "from");
        return queries.clarifyFigures(start, end);
    }

    @GET
    @Path("/{id: \\d+}")
    public RumorQueries.ClusterDetail get(@PathParam("id") long id) {
        return detail(id);
    }

    /**
     * Open clusters that may be the same claim, best first, with their average similarity to this one: what the
     * desk does not merge on its own, for a supervisor to merge ({@code POST …/merge}).
     */
    @GET
    @Path("/{id: \\d+}/related")
    public List<RumorQueries.RelatedCluster> related(@PathParam("id") long id) {
        return queries.related(id).orElseThrow(() -> ProblemException.notFound("no rumor cluster " + id));
    }

    /** Retitle, dismiss ({@code "status": "dismissed"}) or reopen, and switch auto-answer. */
    @PATCH
    @Path("/{id: \\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public RumorQueries.ClusterDetail edit(@PathParam("id") long id, RumorDesk.ClusterEdit edit) {
        require(edit);
        desk.edit(id, edit, user());
        return detail(id);
    }

    @POST
    @Path("/{id: \\d+}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public RumorQueries.ClusterDetail merge(@PathParam("id") long id, MergeRequest request) {
        require(request);
        desk.merge(id, request.clusterIds());
        return detail(id);
    }

    /** The listed messages leave this cluster for a new one; answers 201 with the new cluster. */
    @POST
    @Path("/{id: \\d+}/split")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public Response split(@PathParam("id") long id, SplitRequest request) {
        require(request);
        RumorCluster created = desk.split(id, request.messageIds(), request.title(), user());
        return Response.status(Response.Status.CREATED).entity(detail(created.id)).build();
    }

    /** Moves a message, or several (all or none), into this cluster, from other clusters or from none. */
    @POST
    @Path("/{id: \\d+}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public RumorQueries.ClusterDetail move(@PathParam("id") long id, MoveRequest request) {
        require(request);
        if (request.messageIds() != null) {
            if (request.messageId() != null) {
                throw ProblemException.badRequest("give either 'messageId' or 'messageIds', not both", "messageIds");
            }
            desk.gather(id, request.messageIds(), user());
        } else {
            desk.move(id, request.messageId(), user());
        }
        return detail(id);
    }

    /**
     * Teaches the words the claim is told with ({@code {"words": "مهرج*|بلياتشو*|clown*"}}); an empty text forgets
     * them. Later messages using any of them are compared with this cluster as tellings of one event are.
     */
    @PUT
    @Path("/{id: \\d+}/words")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public RumorQueries.ClusterDetail teach(@PathParam("id") long id, RumorDesk.WordsRequest request) {
        require(request);
        if (request.words() == null) {
            throw ProblemException.badRequest("give the words in 'words' (an empty text forgets them)", "words");
        }
        desk.teach(id, request.words(), user());
        return detail(id);
    }

    @DELETE
    @Path("/{id: \\d+}/messages/{messageId: \\d+}")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public RumorQueries.ClusterDetail remove(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        desk.remove(id, messageId);
        return detail(id);
    }

    /** Writes the clarification: {@code ar} required, {@code en}, {@code fr} and {@code link} optional. */
    @PUT
    @Path("/{id: \\d+}/clarification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public RumorQueries.ClusterDetail writeClarification(@PathParam("id") long id, RumorDesk.ClarificationText text) {
        require(text);
        desk.writeClarification(id, text, user());
        return detail(id);
    }

    /** Sends the clarification to every open case of the cluster that does not have it yet. */
    @POST
    @Path("/{id: \\d+}/clarification/publish")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public PublishResult publish(@PathParam("id") long id) {
        Clarifications.Published published = desk.publish(id, user());
        return new PublishResult(published.delivered(), published.alreadyDelivered(), detail(id).summary());
    }

    /** Sends the published clarification to one case of the cluster (a later joiner, without auto-answer). */
    @POST
    @Path("/{id: \\d+}/clarification/cases/{caseId: \\d+}")
    public SendResult sendToCase(@PathParam("id") long id, @PathParam("caseId") long caseId) {
        OutboundMessage row = desk.sendClarification(id, caseId, CaseWorkflow.Actor.of(identity));
        return new SendResult(row.id, row.status, row.language, detail(id).summary());
    }

    private RumorQueries.ClusterDetail detail(long id) {
        return queries.detail(id).orElseThrow(() -> ProblemException.notFound("no rumor cluster " + id));
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("'" + field + "' must be an ISO-8601 instant such as 2026-01-31T08:00:00Z",
                    field);
        }
    }

    private static void require(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required", null);
        }
    }
}
