package org.bayan.it;

import io.restassured.RestAssured;
import org.bayan.ingest.Signatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The index is derived from the database: delete its folder while the service is stopped and search finds
 * everything again; start it on another database and it no longer serves the old one's messages.
 */
class IndexRebuildIT {

    private static final int MESSAGES = 25;

    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void shouldRebuildADeletedIndexFromTheDatabaseAtStart() throws Exception {
        Path dataDir = Path.of("target", "it-index-" + System.nanoTime());
        service = new ServiceProcess(dataDir);
        String tag = "rebuild" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        service.start(Map.of());
        RestAssured.port = service.port();
        post(tag, MESSAGES);
        awaitSearchTotal(tag, MESSAGES);

        service.stop();
        Path index = dataDir.resolve("index");
        assertFalse(!Files.exists(index), "the index folder exists before it is deleted");
        try (var walk = Files.walk(index)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        service.start(Map.of());
        RestAssured.port = service.port();
        awaitSearchTotal(tag, MESSAGES);
        System.out.printf("IndexRebuildIT: %d messages searchable again after the index folder was deleted%n", MESSAGES);
    }

    @Test
    void shouldRebuildAnIndexBuiltFromAnotherDatabase() throws Exception {
        Path dataDir = Path.of("target", "it-index-db-" + System.nanoTime());
        service = new ServiceProcess(dataDir);
        String before = "olddb" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        service.start(Map.of());
        RestAssured.port = service.port();
        post(before, 10);
        awaitSearchTotal(before, 10);

        // the same data directory (index kept) on an empty database: message ids start again at 1
        service.stop();
        service.replaceDatabase();
        service.start(Map.of());
        RestAssured.port = service.port();
        String after = "newdb" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        post(after, 3);
        awaitSearchTotal(after, 3);
        awaitSearchTotal(before, 0);
        System.out.printf("IndexRebuildIT: an index built from another database was rebuilt: 0 of its 10 messages "
                + "left, 3 new ones found%n");
    }

    private static void post(String tag, int count) {
        for (int i = 0; i < count; i++) {
            byte[] body = ("{\"source\":\"it\",\"id\":\"" + tag + "-" + i + "\",\"author\":\"a" + i
                    + "\",\"text\":\"البطاقة ضاعت في المترو رقم " + i + " " + tag + "\",\"sent_at\":\"2026-11-23T10:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8);
            given().contentType("application/json").header("X-Bayan-Signature", Signatures.sign(body, "dev-webhook-secret"))
                    .body(body).post("/webhooks/generic").then().statusCode(200);
        }
    }

    private static void awaitSearchTotal(String tag, int expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                given().auth().preemptive().basic("admin", ServiceProcess.ADMIN_PASSWORD)
                        .queryParam("q", tag + " البطاقه").get("/api/v1/search")
                        .then().statusCode(200).extract().jsonPath().getInt("total") == expected);
    }
}
