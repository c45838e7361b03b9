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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packaged service with a three-second urgent target: the breach is recorded and escalated once, and a
 * SIGKILL and restart (with the evaluator running every second) neither loses nor repeats it.
 */
class SlaRestartIT {

    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void shouldRecordABreachOnceAcrossARestart() throws Exception {
        Path dataDir = Path.of("target", "it-sla-" + System.nanoTime());
        Files.createDirectories(dataDir);
        Path sla = dataDir.resolve("sla.yaml");
        Files.writeString(sla, """
                policies:
                  - name: urgent-fast
                    queue: urgent
                    firstResponse: PT3S
                    resolution: PT1H
                  - {name: review, queue: review, firstResponse: PT3S}
                  - {name: cybercrime, queue: cybercrime, firstResponse: PT3S}
                  - {name: rumor, queue: rumor, firstResponse: PT3S}
                  - {name: lost, queue: lost_documents, firstResponse: PT3S}
                  - {name: traffic, queue: traffic, firstResponse: PT3S}
                  - {name: procedure, queue: procedure_inquiry, firstResponse: PT3S}
                  - {name: other, queue: other, firstResponse: PT3S}
                """);
        Map<String, String> env = Map.of("BAYAN_SLA_FILE", sla.toAbsolutePath().toString(),
                "BAYAN_SLA_EVALUATION_INTERVAL", "PT1S");
        service = new ServiceProcess(dataDir);
        service.start(env);
        RestAssured.port = service.port();

        String id = UUID.randomUUID().toString();
        byte[] body = ("{\"source\":\"sla-it\",\"id\":\"" + id + "\",\"conversation\":\"c-" + id + "\",\"author\":\"a\","
                + "\"text\":\"الحقونا في حريق كبير في العمارة والناس محبوسة فوق السطح\",\"sent_at\":\""
                + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-Bayan-Signature", Signatures.sign(body, "dev-webhook-secret"))
                .body(body).post("/webhooks/generic").then().statusCode(200);
        long messageId = admin().queryParam("channel", "generic").queryParam("externalId", "sla-it/" + id)
                .get("/api/v1/messages").then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().get("/api/v1/messages/" + messageId).then()
                .extract().jsonPath().get("supportCase.id") != null);
        long caseId = admin().get("/api/v1/messages/" + messageId).then().extract().jsonPath().getLong("supportCase.id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> caseView(caseId).getBoolean("summary.escalated"));

        service.kill();
        service.start(env);
        RestAssured.port = service.port();
        // let the evaluator run several times after the restart
        Thread.sleep(4000);

        JsonPath c = caseView(caseId);
        List<Map<String, Object>> breaches = c.<Map<String, Object>>getList("slaEvents").stream()
                .filter(e -> "breached".equals(e.get("kind")) && "first_response".equals(e.get("target"))).toList();
        assertEquals(1, breaches.size(), "one breach across the restart");
        assertEquals(1, c.<String>getList("audit.action").stream().filter("escalate"::equals).count(), "escalated once");
        System.out.printf("SlaRestartIT: case %d breached once, escalated once, across a SIGKILL and restart%n", caseId);
    }

    private static JsonPath caseView(long caseId) {
        return admin().get("/api/v1/cases/" + caseId).then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", ServiceProcess.ADMIN_PASSWORD);
    }
}
