package org.bayan.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bayan.common.ProblemException;
import org.bayan.search.SearchService;
import org.bayan.security.Role;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search page: the same query language, filters and facets as {@code GET /api/v1/search}. A query the
 * parser rejects is shown as the page's error, with the form still filled in.
 */
@Path("/console/search")
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
@Produces(MediaType.TEXT_HTML)
public class SearchConsole {

    static final int PAGE_SIZE = 20;

    /** The form's current values; facet links add or clear one filter and keep the others. */
    public record Query(String q, String category, String channel, String language, String status, String from,
                        String to, String sort, int page) {

        public String with(String name, String value) {
            Map<String, String> params = params();
            if (value == null || value.equals(params.get(name))) {
                params.remove(name);
            } else {
                params.put(name, value);
            }
            params.remove("page");
            return link(params);
        }

        public List<String> categories() {
            return java.util.Arrays.stream(org.bayan.classify.Category.values()).map(org.bayan.classify.Category::id).toList();
        }

        public List<String> statuses() {
            return java.util.Arrays.stream(org.bayan.routing.CaseStatus.values()).map(org.bayan.routing.CaseStatus::id).toList();
        }

        public String pageLink(int number) {
            Map<String, String> params = params();
            params.put("page", Integer.toString(number));
            return link(params);
        }

        public boolean active(String name, String value) {
            return value != null && value.equals(params().get(name));
        }

        private Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            put(params, "q", q);
            put(params, "category", category);
            put(params, "channel", channel);
            put(params, "language", language);
            put(params, "status", status);
            put(params, "from", from);
            put(params, "to", to);
            put(params, "sort", sort);
            return params;
        }

        private static void put(Map<String, String> params, String name, String value) {
            if (value != null && !value.isBlank()) {
                params.put(name, value);
            }
        }

        private static String link(Map<String, String> params) {
            List<String> parts = new ArrayList<>();
            params.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return "/console/search" + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(ConsoleView view, Query query, SearchService.Result result, int pages);
    }

    @Inject
    ConsoleSession session;

    @Inject
    SearchService search;

    @GET
    public TemplateInstance page(@QueryParam("q") String q, @QueryParam("category") String category,
                                 @QueryParam("channel") String channel, @QueryParam("language") String language,
                                 @QueryParam("status") String status, @QueryParam("from") String from,
                                 @QueryParam("to") String to, @QueryParam("sort") String sort,
                                 @QueryParam("page") Integer page) {
        Query query = new Query(q, blank(category), blank(channel), blank(language), blank(status), blank(from), blank(to),
                "newest".equals(sort) ? "newest" : "relevance", page == null || page < 0 ? 0 : page);
        SearchService.Result result = null;
        String error = null;
        try {
            SearchService.Filters filters = new SearchService.Filters(query.category(), query.status(), null, query.channel(),
                    query.language(), null, SearchService.time(query.from(), "from", false), SearchService.time(query.to(), "to", true));
            result = search.search(q, filters, "newest".equals(query.sort()), query.page(), PAGE_SIZE);
        } catch (ProblemException e) {
            error = e.toProblem().detail();
        }
        int pages = result == null ? 0 : (int) Math.min(50, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        return Templates.search(session.view("search", null, error), query, result, pages).setLocale(session.locale());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
