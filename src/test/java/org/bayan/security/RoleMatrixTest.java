package org.bayan.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.bayan.support.ConsoleLogin;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint × {anonymous, responder, supervisor, admin}. The endpoints are discovered from the OpenAPI
 * document (every JAX-RS method is in it), so a new endpoint without a line in {@link #MINIMUM} fails this test,
 * and so does a line for an endpoint that no longer exists.
 * <ul>
 *   <li>API ({@code /api/*}, HTTP Basic): anonymous → 401, a role below the minimum → 403, the rest → neither.</li>
 *   <li>Console ({@code /console*}, form login): anonymous → 302 to /login, below the minimum → 403, the rest →
 *       neither (form posts carry the user's form token, so a 403 can only come from the role).</li>
 *   <li>Webhooks: no user login at all; anonymous and users alike need the signature → 401 without it.</li>
 *   <li>Open: the sign-in page, sign-out, the language switch, and {@code /q/health*}, {@code /q/metrics},
 *       {@code /q/openapi} (not JAX-RS: listed in {@link #OPERATIONS}).</li>
 * </ul>
 * {@link AccessTest} checks the exact answers of the allowed calls; this test checks that nothing is missed.
 */
@QuarkusTest
class RoleMatrixTest {

    enum Access { OPEN, WEBHOOK, RESPONDER, SUPERVISOR, ADMIN }

    /** The minimum role of every endpoint; responder < supervisor < admin. Path templates as OpenAPI writes them. */
    static final Map<String, Access> MINIMUM = new TreeMap<>(Map.ofEntries(
            // --- API: desk work, every role
            Map.entry("GET /api/v1/me", Access.RESPONDER),
            Map.entry("GET /api/v1/messages", Access.RESPONDER),
            Map.entry("GET /api/v1/messages/{id}", Access.RESPONDER),
            Map.entry("GET /api/v1/messages/{id}/similar", Access.RESPONDER),
            Map.entry("GET /api/v1/search", Access.RESPONDER),
            Map.entry("POST /api/v1/classify", Access.RESPONDER),
            Map.entry("POST /api/v1/classify/batch", Access.RESPONDER),
            Map.entry("GET /api/v1/queues", Access.RESPONDER),
            Map.entry("POST /api/v1/queues/{queue}/claim", Access.RESPONDER),
            Map.entry("GET /api/v1/cases", Access.RESPONDER),
            Map.entry("GET /api/v1/cases/{id}", Access.RESPONDER),
            Map.entry("POST /api/v1/cases/{id}/reply", Access.RESPONDER),
            Map.entry("POST /api/v1/cases/{id}/wait", Access.RESPONDER),
            Map.entry("POST /api/v1/cases/{id}/resolve", Access.RESPONDER),
            Map.entry("POST /api/v1/cases/{id}/reopen", Access.RESPONDER),
            Map.entry("POST /api/v1/cases/{id}/category", Access.RESPONDER),
            Map.entry("POST /api/v1/cases/{id}/forward", Access.RESPONDER),
            Map.entry("POST /api/v1/cases/{id}/note", Access.RESPONDER),
            Map.entry("GET /api/v1/rumors", Access.RESPONDER),
            Map.entry("GET /api/v1/rumors/spikes", Access.RESPONDER),
            Map.entry("GET /api/v1/rumors/{id}", Access.RESPONDER),
            Map.entry("GET /api/v1/rumors/{id}/related", Access.RESPONDER),
            Map.entry("POST /api/v1/rumors/{id}/clarification/cases/{caseId}", Access.RESPONDER),
            // --- API: supervisors (reassigning, response-time metrics, shaping rumor clusters)
            Map.entry("POST /api/v1/cases/{id}/assign", Access.SUPERVISOR),
            Map.entry("GET /api/v1/metrics/sla", Access.SUPERVISOR),
            Map.entry("GET /api/v1/rumors/clarify-metrics", Access.SUPERVISOR),
            Map.entry("PATCH /api/v1/rumors/{id}", Access.SUPERVISOR),
            Map.entry("POST /api/v1/rumors/{id}/merge", Access.SUPERVISOR),
            Map.entry("POST /api/v1/rumors/{id}/split", Access.SUPERVISOR),
            Map.entry("POST /api/v1/rumors/{id}/messages", Access.SUPERVISOR),
            Map.entry("PUT /api/v1/rumors/{id}/words", Access.SUPERVISOR),
            Map.entry("DELETE /api/v1/rumors/{id}/messages/{messageId}", Access.SUPERVISOR),
            Map.entry("PUT /api/v1/rumors/{id}/clarification", Access.SUPERVISOR),
            Map.entry("POST /api/v1/rumors/{id}/clarification/publish", Access.SUPERVISOR),
            // --- API: administration
            Map.entry("GET /api/v1/users", Access.ADMIN),
            Map.entry("POST /api/v1/users", Access.ADMIN),
            Map.entry("GET /api/v1/admin/model", Access.ADMIN),
            Map.entry("POST /api/v1/admin/model/reload", Access.ADMIN),
            Map.entry("POST /api/v1/admin/model/retrain", Access.ADMIN),
            Map.entry("GET /api/v1/admin/model/feedback.tsv", Access.ADMIN),
            Map.entry("GET /api/v1/admin/index", Access.ADMIN),
            Map.entry("POST /api/v1/admin/index/rebuild", Access.ADMIN),
            Map.entry("GET /api/v1/admin/config", Access.ADMIN),
            Map.entry("POST /api/v1/admin/config/reload", Access.ADMIN),
            // --- Console: desk pages and forms
            Map.entry("GET /console", Access.RESPONDER),
            Map.entry("GET /console/queues", Access.RESPONDER),
            Map.entry("POST /console/queues/{queue}/claim", Access.RESPONDER),
            Map.entry("GET /console/cases/{id}", Access.RESPONDER),
            Map.entry("POST /console/cases/{id}/reply", Access.RESPONDER),
            Map.entry("POST /console/cases/{id}/{action}", Access.RESPONDER),
            Map.entry("POST /console/cases/{id}/forward", Access.RESPONDER),
            Map.entry("POST /console/cases/{id}/category", Access.RESPONDER),
            Map.entry("POST /console/cases/{id}/note", Access.RESPONDER),
            Map.entry("POST /console/cases/{id}/clarification", Access.RESPONDER),
            Map.entry("GET /console/search", Access.RESPONDER),
            Map.entry("GET /console/stream", Access.RESPONDER),
            Map.entry("GET /console/rumors", Access.RESPONDER),
            Map.entry("GET /console/rumors/{id}", Access.RESPONDER),
            // --- Console: supervisors
            Map.entry("POST /console/rumors/{id}/edit", Access.SUPERVISOR),
            Map.entry("POST /console/rumors/{id}/clarification", Access.SUPERVISOR),
            Map.entry("POST /console/rumors/{id}/publish", Access.SUPERVISOR),
            Map.entry("POST /console/rumors/{id}/merge", Access.SUPERVISOR),
            Map.entry("POST /console/rumors/{id}/split", Access.SUPERVISOR),
            Map.entry("POST /console/rumors/{id}/gather", Access.SUPERVISOR),
            Map.entry("POST /console/rumors/{id}/words", Access.SUPERVISOR),
            Map.entry("GET /console/dashboard", Access.SUPERVISOR),
            Map.entry("GET /console/dashboard/export.csv", Access.SUPERVISOR),
            Map.entry("POST /console/dashboard/assign", Access.SUPERVISOR),
            // --- Console: administration
            Map.entry("GET /console/admin", Access.ADMIN),
            Map.entry("POST /console/admin/users", Access.ADMIN),
            Map.entry("POST /console/admin/model/reload", Access.ADMIN),
            Map.entry("POST /console/admin/policies/reload", Access.ADMIN),
            Map.entry("POST /console/admin/index/rebuild", Access.ADMIN),
            Map.entry("GET /console/admin/index", Access.ADMIN),
            // --- Webhooks: signed by the provider, never a user login
            Map.entry("GET /webhooks/meta", Access.WEBHOOK),
            Map.entry("POST /webhooks/meta", Access.WEBHOOK),
            Map.entry("POST /webhooks/generic", Access.WEBHOOK),
            Map.entry("POST /webhooks/telegram", Access.WEBHOOK),
            Map.entry("POST /webhooks/forward-ack", Access.WEBHOOK),
            // --- Open: signing in and out, language
            Map.entry("GET /", Access.OPEN),
            Map.entry("GET /login", Access.OPEN),
            Map.entry("POST /logout", Access.OPEN),
            Map.entry("GET /lang/{code}", Access.OPEN)));

    /**
     * Operations endpoints, open by intent: health for the load balancer and orchestrator, metrics for the
     * Prometheus scraper (no message text, ids or secrets in them; keep /q off the public network), the
     * OpenAPI document (the API's shape, no data). Checked anonymously only.
     */
    static final List<String> OPERATIONS = List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/metrics",
            "/q/openapi");

    /** Calls whose allowed answer is not worth its cost here: a minute of training, an endless event stream. */
    static final Set<String> NOT_CALLED_WHEN_ALLOWED = Set.of("POST /api/v1/admin/model/retrain",
            "GET /console/stream", "POST /console/admin/model/reload");

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldHaveAnExpectationForEveryEndpointAndNoStaleOnes() {
        Set<String> discovered = discover();
        Set<String> missing = new TreeSet<>(discovered);
        missing.removeAll(MINIMUM.keySet());
        Set<String> stale = new TreeSet<>(MINIMUM.keySet());
        stale.removeAll(discovered);
        assertEquals(Set.of(), missing, "endpoints without a line in RoleMatrixTest.MINIMUM");
        assertEquals(Set.of(), stale, "lines in RoleMatrixTest.MINIMUM for endpoints that no longer exist");
    }

    @Test
    void shouldLetEachRoleReachExactlyItsEndpoints() {
        Map<Access, io.restassured.http.Cookies> cookies = Map.of(Access.RESPONDER, ConsoleLogin.signIn("responder1", TestUsers.PASSWORD),
                Access.SUPERVISOR, ConsoleLogin.signIn("supervisor1", TestUsers.PASSWORD),
                Access.ADMIN, ConsoleLogin.signIn("admin", TestUsers.ADMIN_PASSWORD));
        Map<Access, String> tokens = new java.util.EnumMap<>(Access.class);
        cookies.forEach((role, cookie) -> tokens.put(role, ConsoleLogin.formToken(cookie)));
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, Access> line : MINIMUM.entrySet()) {
            String method = line.getKey().split(" ")[0];
            String template = line.getKey().split(" ")[1];
            String path = concrete(template);
            Access minimum = line.getValue();
            boolean console = template.startsWith("/console");

            int anonymous = call(given(), method, path, console).statusCode();
            calls++;
            String expectedAnonymous = switch (minimum) {
                case OPEN -> anonymous < 500 && anonymous != 401 && anonymous != 403 ? null : "open";
                case WEBHOOK -> anonymous == 401 || (method.equals("GET") && anonymous == 400) ? null : "401 (signature)";
                default -> console ? (anonymous == 302 ? null : "302 to /login") : (anonymous == 401 ? null : "401");
            };
            if (expectedAnonymous != null) {
                failures.add(line.getKey() + " anonymous: expected " + expectedAnonymous + ", got " + anonymous);
            }
            if (minimum == Access.OPEN || minimum == Access.WEBHOOK) {
                continue;
            }
            for (Access role : List.of(Access.RESPONDER, Access.SUPERVISOR, Access.ADMIN)) {
                boolean allowed = role.ordinal() >= minimum.ordinal();
                if (allowed && NOT_CALLED_WHEN_ALLOWED.contains(line.getKey())) {
                    continue;
                }
                RequestSpecification who = console ? given().cookies(cookies.get(role))
                        .formParam("token", tokens.get(role))
                        : switch (role) {
                            case RESPONDER -> TestUsers.asResponder();
                            case SUPERVISOR -> TestUsers.asSupervisor();
                            default -> TestUsers.asAdmin();
                        };
                if (console && method.equals("GET")) {
                    who = given().cookies(cookies.get(role));
                }
                Response response = call(who, method, path, console);
                calls++;
                int status = response.statusCode();
                boolean toLogin = status == 302 && String.valueOf(response.getHeader("Location")).contains("/login");
                if (allowed && (status == 401 || status == 403 || toLogin || status >= 500)) {
                    failures.add(line.getKey() + " as " + role + ": allowed, got " + status);
                } else if (!allowed && status != 403) {
                    failures.add(line.getKey() + " as " + role + ": expected 403, got " + status);
                }
            }
        }
        for (String path : OPERATIONS) {
            int status = given().redirects().follow(false).get(path).statusCode();
            calls++;
            if (status != 200) {
                failures.add("GET " + path + " anonymous: expected 200 (open by intent), got " + status);
            }
        }
        System.out.printf("ROLE MATRIX: %d endpoints, %d calls, %d failures%n", MINIMUM.size() + OPERATIONS.size(),
                calls, failures.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** "METHOD /path" for every operation in the OpenAPI document. */
    private static Set<String> discover() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Set<String> out = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "patch", "delete", "head", "options").contains(m))
                .forEach(m -> out.add(m.toUpperCase() + " " + path)));
        return out;
    }

    /** A callable path: ids that exist nowhere, a queue that does not exist, a harmless action. */
    private static String concrete(String template) {
        return template.replace("{id}", "999999999").replace("{caseId}", "999999999")
                .replace("{messageId}", "999999999").replace("{queue}", "no-such-queue")
                .replace("{action}", "resolve").replace("{code}", "en");
    }

    private static Response call(RequestSpecification spec, String method, String path, boolean console) {
        spec = spec.redirects().follow(false);
        if (!console && Set.of("POST", "PUT", "PATCH").contains(method)) {
            spec = spec.contentType("application/json").body("{}");
        }
        return spec.request(method, path);
    }
}
