package org.bayan.it;

import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two service processes on one PostgreSQL database, as a load-balanced deployment runs: twenty responders
 * split across both claim the queues at once and no case goes to two of them; both SLA evaluators run every
 * second and each breach is recorded, logged and escalated once.
 */
class TwoInstancesIT {

    private static final int CASES = 30;
    private static final int CLAIMERS = 20;

    private ServiceProcess a;
    private ServiceProcess b;

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
    }

    @Test
    void shouldGiveEachCaseToOneClaimerAndRecordEachBreachOnceAcrossTwoInstances() throws Exception {
        ServiceProcess.assumePostgres("two-instances", "one instance is the only supported deployment on the "
                + "embedded database");
        long started = System.nanoTime();
        Path root = Path.of("target", "it-two-" + System.nanoTime());
        Files.createDirectories(root);
        Path sla = root.resolve("sla.yaml");
        // Forty seconds to first response everywhere: long enough for routing to finish first on a busy machine, so
        // the breaches are found by the evaluators, and short enough that all happen while the test watches.
        StringBuilder policies = new StringBuilder("policies:\n");
        for (String queue : List.of("urgent", "review", "cybercrime", "rumor", "lost_documents", "traffic",
                "procedure_inquiry", "other")) {
            policies.append("  - {name: ").append(queue).append(", queue: ").append(queue)
                    .append(", firstResponse: PT40S, resolution: PT1H}\n");
        }
        Files.writeString(sla, policies);
        Map<String, String> env = Map.of("BAYAN_SLA_FILE", sla.toAbsolutePath().toString(),
                "BAYAN_SLA_EVALUATION_INTERVAL", "PT1S");
        String database = ServiceProcess.freshPostgresDatabase();
        a = new ServiceProcess(root.resolve("a"), database);
        b = new ServiceProcess(root.resolve("b"), database);
        // one after the other: the first start migrates the schema
        a.start(env);
        b.start(env);

        WebhookClient toA = new WebhookClient(a.port());
        WebhookClient toB = new WebhookClient(b.port());
        DeskState desk = new DeskState(a.port());
        for (int i = 0; i < CASES; i++) {
            byte[] body = WebhookClient.delivery("two-it", "t" + i, "two-conv" + i,
                    "السلام عليكم عندي مشكلة في الشارع رقم " + i + " محتاج مساعدة", java.time.Instant.now());
            assertTrue((i % 2 == 0 ? toA : toB).post(body).acknowledged(), "delivery " + i);
            if (i == 1) {
                // The first message an instance processes is slow (model and JIT warm-up): let both pay that
                // before the rest arrive, so that routing is done well before the 40 s targets fall due.
                // (Generous: rumor clustering serializes processing across instances on one row lock, and a
                // first batch on a busy machine has been seen to hold it for most of a minute.)
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() ->
                        desk.messages("two-it").stream().filter(m -> DeskState.caseId(m) != null).count() == 2);
            }
        }
        // while both instances process the deliveries (password hashing is slow on a busy machine)
        for (int i = 0; i < CLAIMERS; i++) {
            admin(a).contentType("application/json").body(Map.of("username", "claimer" + i,
                            "password", "claimer-password-" + i, "roles", List.of("responder")))
                    .post("/api/v1/users").then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<Map<String, Object>> m = desk.messages("two-it");
            return m.size() == CASES && m.stream().allMatch(x -> DeskState.caseId(x) != null);
        });
        List<String> queues = admin(a).get("/api/v1/queues").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.unassigned > 0 }.name");

        record Claim(long caseId, String claimer, int port) {
        }
        Queue<Claim> claims = new ConcurrentLinkedQueue<>();
        CyclicBarrier together = new CyclicBarrier(CLAIMERS);
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        List<Future<Integer>> non2xx = new ArrayList<>();
        for (int i = 0; i < CLAIMERS; i++) {
            String user = "claimer" + i;
            int port = (i % 2 == 0 ? a : b).port();
            non2xx.add(pool.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                int errors = 0;
                boolean any = true;
                while (any) {
                    any = false;
                    for (String queue : queues) {
                        var response = given().port(port).auth().preemptive().basic(user, "claimer-password-"
                                + user.substring("claimer".length())).post("/api/v1/queues/" + queue + "/claim");
                        if (response.statusCode() == 200) {
                            claims.add(new Claim(response.jsonPath().getLong("id"), user, port));
                            any = true;
                        } else if (response.statusCode() != 204) {
                            errors++;
                        }
                    }
                }
                return errors;
            }));
        }
        int claimErrors = 0;
        for (Future<Integer> f : non2xx) {
            claimErrors += f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Set<Long> claimedCases = new HashSet<>();
        int doubleClaims = 0;
        for (Claim c : claims) {
            if (!claimedCases.add(c.caseId())) {
                doubleClaims++;
            }
        }
        long viaA = claims.stream().filter(c -> c.port() == a.port()).count();
        int wrongAssignee = 0;
        for (Claim c : claims) {
            String assignee = admin(b).get("/api/v1/cases/" + c.caseId()).then().statusCode(200).extract()
                    .jsonPath().getString("summary.assignee");
            if (!c.claimer().equals(assignee)) {
                wrongAssignee++;
            }
        }

        // Both evaluators run every second; wait for every case's first-response breach, then a few runs more.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> count(a, "SELECT count(DISTINCT case_id) FROM sla_event WHERE kind = 'breached' "
                        + "AND target = 'first_response'") >= CASES);
        Thread.sleep(3000);
        long breachRows = count(a, "SELECT count(*) FROM sla_event WHERE kind = 'breached'");
        long escalations = count(a, "SELECT count(*) FROM audit_event WHERE action = 'escalate'");
        long casesEscalatedTwice = count(a, "SELECT count(*) FROM (SELECT case_id FROM audit_event "
                + "WHERE action = 'escalate' GROUP BY case_id HAVING count(*) > 1) twice");
        // Only breaches the evaluators found test them (a case routed after its due time breaches on the
        // processing thread at once).
        long breachedWhileRouting = breachLines(a, "(bayan-processing)") + breachLines(b, "(bayan-processing)");
        // SlaService logs a breach only when its insert won: the two logs together name each breach once.
        long loggedByA = breachLines(a, "");
        long loggedByB = breachLines(b, "");

        System.out.printf("RELIABILITY two-instances: cases=%d claimers=%d claimed=%d double_claims=%d "
                        + "claims_via_a=%d claims_via_b=%d wrong_assignee=%d claim_errors=%d breaches=%d "
                        + "breaches_logged_a=%d breaches_logged_b=%d breached_at_routing=%d escalations=%d escalated_twice=%d seconds=%d%n",
                CASES, CLAIMERS, claims.size(), doubleClaims, viaA, claims.size() - viaA, wrongAssignee, claimErrors,
                breachRows, loggedByA, loggedByB, breachedWhileRouting, escalations, casesEscalatedTwice,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        // On a very busy machine a case can be routed after its target fell due and breach at once; most must not.
        assertTrue(breachedWhileRouting <= CASES / 3, "breaches found by the evaluators, not at routing time");
        assertEquals(0, doubleClaims, "no case claimed twice");
        assertEquals(CASES, claimedCases.size(), "every case claimed");
        assertEquals(0, wrongAssignee, "each case assigned to the claimer who was told it won");
        assertEquals(0, claimErrors, "claims answer 200 or 204");
        assertTrue(viaA > 0 && viaA < claims.size(), "both instances handed out cases");
        assertEquals(CASES, breachRows, "one breach per case");
        assertEquals(CASES, loggedByA + loggedByB, "each breach recorded by one instance");
        assertEquals(CASES, escalations, "each case escalated once");
        assertEquals(0, casesEscalatedTwice);
    }

    private static RequestSpecification admin(ServiceProcess service) {
        return given().port(service.port()).auth().preemptive().basic("admin", ServiceProcess.ADMIN_PASSWORD);
    }

    private static long count(ServiceProcess service, String sql) throws Exception {
        try (Connection connection = service.jdbc(); ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long breachLines(ServiceProcess service, String thread) throws Exception {
        try (var lines = Files.lines(service.log())) {
            return lines.filter(l -> l.contains("SLA first_response target of case") && l.contains("breached")
                    && l.contains(thread)).count();
        }
    }
}
