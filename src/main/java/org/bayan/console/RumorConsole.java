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
import org.bayan.common.Page;
import org.bayan.common.ProblemException;
import org.bayan.rumor.ClaimWords;
import org.bayan.rumor.RumorDesk;
import org.bayan.rumor.RumorQueries;
import org.bayan.search.SearchService;
import org.bayan.security.Role;
import org.jboss.resteasy.reactive.RestForm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rumor clusters for everyone on the desk (sorted by growth, with spike alerts); supervisors also retitle,
 * dismiss, merge and split clusters and write and publish the official clarification — through the same
 * {@link RumorDesk} as the API.
 */
@Path("/console/rumors")
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
@Produces(MediaType.TEXT_HTML)
public class RumorConsole {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rumors(ConsoleView view, Page<RumorQueries.ClusterSummary> clusters,
                                              List<RumorQueries.SpikeView> spikes, String status);

        static native TemplateInstance rumor(ConsoleView view, RumorQueries.ClusterDetail detail,
                                             List<RumorQueries.RelatedCluster> related, Gather gather);
    }

    /**
     * A supervisor's search for more tellings of a cluster's claim: the query, its hits that are not in the cluster
     * yet, how many are already in it, or why the query failed.
     */
    public record Gather(String query, List<SearchService.Hit> hits, int alreadyHere, String error) {
    }

    @Inject
    ConsoleSession session;

    @Inject
    RumorQueries queries;

    @Inject
    RumorDesk desk;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @Inject
    SearchService search;

    @GET
    public TemplateInstance list(@QueryParam("status") String status, @QueryParam("notice") String notice,
                                 @QueryParam("error") String error) {
        String chosen = status == null || status.isBlank() ? null : status;
        Page<RumorQueries.ClusterSummary> clusters;
        try {
            clusters = queries.list(chosen, 0, 100);
        } catch (ProblemException e) {
            chosen = null;
            error = e.toProblem().detail();
            clusters = queries.list(null, 0, 100);
        }
        List<RumorQueries.SpikeView> spikes = queries.spikesSince(clock.instant().minus(Duration.ofDays(1)));
        return Templates.rumors(session.view("rumors", Forms.notice(notice, session.language()), error), clusters, spikes, chosen)
                .setLocale(session.locale());
    }

    @GET
    @Path("{id: \\d+}")
    public TemplateInstance detail(@PathParam("id") long id, @QueryParam("notice") String notice,
                                   @QueryParam("error") String error, @QueryParam("gather") String gather,
                                   @QueryParam("gatherWords") boolean gatherWords) {
        RumorQueries.ClusterDetail detail = queries.detail(id).orElseThrow(() -> ProblemException.notFound("no cluster " + id));
        List<RumorQueries.RelatedCluster> related = queries.related(id).orElse(List.of());
        ConsoleView view = session.view("rumors", Forms.notice(notice, session.language()), error);
        Gather card = null;
        if (view.supervisor()) {
            // the words taught for the claim, as a search: the tellings from before they were taught; the box shows
            // that query, and the supervisor may edit it and search again, so a typed gather takes as long a query
            card = gather(id, gatherWords && detail.claimWords() != null
                    ? ClaimWords.searchQuery(detail.claimWords().variants()) : gather);
        }
        return Templates.rumor(view, detail, related, card).setLocale(session.locale());
    }

    /**
     * The hits of the query not in the cluster yet, best first: a supervisor gathering again as a claim keeps
     * spreading runs the same search and sees only what came in since.
     */
    private Gather gather(long clusterId, String query) {
        if (query == null || query.isBlank()) {
            return new Gather("", List.of(), 0, null);
        }
        try {
            List<SearchService.Hit> hits = new ArrayList<>();
            int alreadyHere = 0;
            for (SearchService.Hit hit : search.search(query, SearchService.MAX_GATHER_QUERY, SearchService.Filters.NONE, false, 0, SearchService.MAX_SIZE).hits()) {
                if (hit.clusterId() != null && hit.clusterId() == clusterId) {
                    alreadyHere++;
                } else if (hits.size() < SearchService.GATHER_LISTED) {
                    hits.add(hit);
                }
            }
            return new Gather(query, hits, alreadyHere, null);
        } catch (ProblemException e) {
            // a query the parser rejects is shown with its reason, like the search page does
            return new Gather(query, List.of(), 0, e.toProblem().detail());
        }
    }

    @POST
    @Path("{id: \\d+}/gather")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response gather(@PathParam("id") long id, @RestForm("token") String token,
                           @RestForm("message") List<String> messages) {
        session.requireFormToken(token);
        return Forms.act(path(id), () -> {
            desk.gather(id, parseIds(messages == null ? "" : String.join(",", messages), "message"), user());
            return path(id) + "?notice=gathered";
        });
    }

    @POST
    @Path("{id: \\d+}/words")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response teach(@PathParam("id") long id, @RestForm("token") String token, @RestForm("words") String words) {
        session.requireFormToken(token);
        return Forms.act(path(id), () -> {
            desk.teach(id, words == null ? "" : words, user());
            return path(id) + "?notice=saved";
        });
    }

    @POST
    @Path("{id: \\d+}/edit")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("id") long id, @RestForm("token") String token, @RestForm("title") String title,
                         @RestForm("status") String status, @RestForm("autoAnswer") String autoAnswer,
                         @RestForm("autoAnswerShown") String autoAnswerShown) {
        session.requireFormToken(token);
        return Forms.act(path(id), () -> {
            desk.edit(id, new RumorDesk.ClusterEdit(title == null || title.isBlank() ? null : title,
                    status == null || status.isBlank() ? null : status,
                    // an unticked box sends nothing: only the form that shows the box may turn it off
                    autoAnswerShown == null ? null : "on".equals(autoAnswer)), user());
            return path(id) + "?notice=saved";
        });
    }

    @POST
    @Path("{id: \\d+}/clarification")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response writeClarification(@PathParam("id") long id, @RestForm("token") String token, @RestForm("ar") String ar,
                                       @RestForm("en") String en, @RestForm("fr") String fr, @RestForm("link") String link) {
        session.requireFormToken(token);
        return Forms.act(path(id), () -> {
            desk.writeClarification(id, new RumorDesk.ClarificationText(ar, blank(en), blank(fr), blank(link)), user());
            return path(id) + "?notice=saved";
        });
    }

    @POST
    @Path("{id: \\d+}/publish")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@PathParam("id") long id, @RestForm("token") String token) {
        session.requireFormToken(token);
        return Forms.act(path(id), () -> {
            desk.publish(id, user());
            return path(id) + "?notice=published";
        });
    }

    @POST
    @Path("{id: \\d+}/merge")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response merge(@PathParam("id") long id, @RestForm("token") String token, @RestForm("ids") String ids) {
        session.requireFormToken(token);
        return Forms.act(path(id), () -> {
            desk.merge(id, parseIds(ids, "ids"));
            return path(id) + "?notice=merged";
        });
    }

    @POST
    @Path("{id: \\d+}/split")
    @RolesAllowed({Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response split(@PathParam("id") long id, @RestForm("token") String token, @RestForm("message") List<String> messages,
                          @RestForm("title") String title) {
        session.requireFormToken(token);
        return Forms.act(path(id), () -> {
            List<Long> messageIds = parseIds(messages == null ? "" : String.join(",", messages), "message");
            long created = desk.split(id, messageIds, blank(title), user()).id;
            return path(created) + "?notice=split";
        });
    }

    static List<Long> parseIds(String text, String field) {
        List<Long> ids = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("'" + part + "' is not a number", field);
            }
        }
        if (ids.isEmpty()) {
            throw ProblemException.badRequest("give at least one id", field);
        }
        return ids;
    }

    private static String path(long id) {
        return "/console/rumors/" + id;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
