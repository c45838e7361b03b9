package org.bayan.it;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.bayan.ingest.Signatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages acknowledged while nobody processes them survive a SIGKILL and are processed exactly once by
 * the next start: each is processed in one attempt, and each conversation ends up with one case.
 */
class RestartIT {

    private static final int CONVERSATIONS = 10;
    private static final int PER_CONVERSATION = 3;

    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void shouldProcessMessagesStoredBeforeACrashExactlyOnceAfterRestart() throws Exception {
        Path dataDir = Path.of("target", "it-restart-" + System.nanoTime());
        service = new ServiceProcess(dataDir);
        String source = "restart-it-" + UUID.randomUUID();

        service.start(ServiceProcess.env("BAYAN_PROCESSING_ENABLED", "false"));
        RestAssured.port = service.port();
        for (int c = 0; c < CONVERSATIONS; c++) {
            for (int m = 0; m < PER_CONVERSATION; m++) {
                byte[] body = ("{\"source\":\"" + source + "\",\"id\":\"" + c + "-" + m + "\",\"conversation\":\"c" + c
                        + "\",\"author\":\"a" + c + "\",\"text\":\"message " + m + " in conversation " + c
                        + "\",\"sent_at\":\"2026-11-23T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
                given().contentType("application/json")
                        .header("X-Bayan-Signature", Signatures.sign(body, "dev-webhook-secret"))
                        .body(body).post("/webhooks/generic").then().statusCode(200);
            }
        }
        List<Map<String, Object>> before = messages(source);
        assertEquals(CONVERSATIONS * PER_CONVERSATION, before.size());
        before.forEach(m -> assertEquals("pending", state(m)));

        service.kill();
        service.start(Map.of());
        RestAssured.port = service.port();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> messages(source).stream().allMatch(m -> "processed".equals(state(m))));

        Map<String, Set<Object>> casesByConversation = new HashMap<>();
        for (Map<String, Object> m : messages(source)) {
            JsonPath one = admin().get("/api/v1/messages/" + m.get("id")).then().statusCode(200).extract().jsonPath();
            assertEquals(1, one.getInt("processing.attempts"), "processed in exactly one attempt: " + m.get("id"));
            casesByConversation.computeIfAbsent(one.getString("conversation"), k -> new HashSet<>())
                    .add(one.get("supportCase.id"));
        }
        assertEquals(CONVERSATIONS, casesByConversation.size());
        casesByConversation.forEach((conversation, cases) ->
                assertEquals(1, cases.size(), "one case for " + conversation));
        System.out.printf("RestartIT: %d messages stored before SIGKILL, %d processed once after restart, %d cases%n",
                before.size(), before.size(), CONVERSATIONS);

        int exit = service.stop();
        service = null;
        assertTrue(exit == 0 || exit == 143, "graceful stop on SIGTERM, exit code " + exit);
        deleteQuietly(dataDir);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ServiceProcess.ADMIN_PASSWORD);
    }

    private static List<Map<String, Object>> messages(String source) {
        return admin().queryParam("channel", "generic").queryParam("size", 200).get("/api/v1/messages")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(m -> source.equals(m.get("source"))).toList();
    }

    private static String state(Map<String, Object> message) {
        return (String) ((Map<?, ?>) message.get("processing")).get("state");
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // best effort: target/ is cleaned by the next build anyway
        }
    }
}
