package org.bayan.metrics;

import io.quarkus.test.junit.QuarkusTest;
import org.bayan.support.Webhooks;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class OperationsTest {

    @Test
    void shouldBeReadyWithDatabaseAndWorkerAndReportBacklog() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'processing' }.data.worker", equalTo("running"));
    }

    @Test
    void shouldExposeDeliveryAndBacklogMetrics() {
        Webhooks.postGeneric(Webhooks.genericMessage(Webhooks.uniqueId(), "metrics", "hello")).then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("bayan_webhook_deliveries_total{channel=\"generic\",outcome=\"accepted\"}"))
                .body(containsString("bayan_messages_stored_total"))
                .body(containsString("bayan_processing_backlog"))
                .body(containsString("bayan_processing_lag_seconds"));
    }

    @Test
    void shouldServeOpenApi() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/webhooks/generic"));
    }

    @Test
    void shouldAnswerUnknownPathsWithProblemJson() {
        given().get("/api/v1/nothing-here").then().statusCode(401);
        given().get("/nothing-here").then().statusCode(404);
    }
}
