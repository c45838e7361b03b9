package org.bayan.support;

import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Reads what was stored through the API, the way a client would. */
public final class Inbox {

    private Inbox() {
    }

    public static List<Map<String, Object>> byExternalId(String channel, String externalId) {
        return TestUsers.asAdmin().queryParam("channel", channel).queryParam("externalId", externalId)
                .get("/api/v1/messages").then().statusCode(200).extract().jsonPath().getList("items");
    }

    public static List<Map<String, Object>> byConversation(String conversation) {
        return TestUsers.asAdmin().queryParam("conversation", conversation).queryParam("size", 200)
                .get("/api/v1/messages").then().statusCode(200).extract().jsonPath().getList("items");
    }

    public static JsonPath message(long id) {
        return TestUsers.asAdmin().get("/api/v1/messages/" + id).then().statusCode(200).extract().jsonPath();
    }

    /**
     * Waits until the worker has processed the message and returns it. The first message after start-up also
     * waits for the model to load, which on a busy two-core machine took over 20 s.
     */
    public static JsonPath processed(long id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> "processed".equals(message(id).getString("processing.state")));
        return message(id);
    }

    public static long total() {
        return TestUsers.asAdmin().queryParam("size", 1).get("/api/v1/messages")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }
}
