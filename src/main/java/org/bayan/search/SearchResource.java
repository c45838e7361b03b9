package org.bayan.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bayan.common.ProblemException;
import org.bayan.security.Role;

import java.time.Instant;
import java.util.List;

/** Full-text search over messages, similar messages, and index administration. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    SearchService search;

    @Inject
    IndexMaintenance maintenance;

    @GET
    @Path("search")
    @RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    public SearchService.Result search(@QueryParam("q") String q,
                                       @QueryParam("category") String category,
                                       @QueryParam("status") String status,
                                       @QueryParam("queue") String queue,
                                       @QueryParam("channel") String channel,
                                       @QueryParam("language") String language,
                                       @QueryParam("cluster") Long cluster,
                                       @QueryParam("from") String from,
                                       @QueryParam("to") String to,
                                       @QueryParam("sort") @DefaultValue("relevance") String sort,
                                       @QueryParam("page") @DefaultValue("0") int page,
                                       @QueryParam("size") @DefaultValue("20") int size) {
        if (!sort.equals("relevance") && !sort.equals("newest")) {
            throw ProblemException.badRequest("sort must be 'relevance' or 'newest'", "sort");
        }
        SearchService.Filters filters = new SearchService.Filters(category, status, queue, channel, language,
                cluster == null ? null : cluster.toString(),
                SearchService.time(from, "from", false), SearchService.time(to, "to", true));
        return search.search(q, filters, sort.equals("newest"), page, size);
    }

    @GET
    @Path("admin/index")
    @RolesAllowed(Role.ADMIN_NAME)
    public IndexStatus status() {
        return new IndexStatus(maintenance.documents(), maintenance.progress());
    }

    /** Rebuilds the index from the database in the background; follow it with GET /api/v1/admin/index. */
    @POST
    @Path("admin/index/rebuild")
    @RolesAllowed(Role.ADMIN_NAME)
    public IndexStatus rebuild() {
        return new IndexStatus(maintenance.documents(), maintenance.rebuild());
    }

    public record IndexStatus(int documents, IndexMaintenance.Progress progress) {
    }
}
