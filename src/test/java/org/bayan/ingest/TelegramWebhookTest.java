package org.bayan.ingest;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.Inbox;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.bayan.support.Webhooks.fixture;
import static org.bayan.support.Webhooks.postTelegram;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TelegramWebhookTest {

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldStoreMessagesEditsAndChannelPosts() {
        postTelegram(fixture("telegram/message.json")).then().statusCode(200);
        postTelegram(fixture("telegram/edited-message.json")).then().statusCode(200);
        postTelegram(fixture("telegram/channel-post.json")).then().statusCode(200);

        Map<String, Object> message = single("861234501");
        assertEquals("5123456789", message.get("conversation"));
        assertEquals("private", message.get("kind"));
        Map<String, Object> edit = single("861234502");
        assertEquals("text", edit.get("eventType"));
        assertEquals("5123456789", edit.get("conversation"));
        Map<String, Object> post = single("861234503");
        assertEquals("comment", post.get("kind"));
        assertEquals("-1001234567890", post.get("author"));
    }

    @Test
    void shouldDeduplicateOnUpdateId() {
        postTelegram(fixture("telegram/message.json")).then().statusCode(200);
        postTelegram(fixture("telegram/message.json")).then().statusCode(200)
                .body("stored", equalTo(0)).body("duplicates", equalTo(1));
        assertEquals(1, Inbox.byExternalId("telegram", "861234501").size());
    }

    @Test
    void shouldRecordUpdatesWithoutTextAsEvents() {
        postTelegram(fixture("telegram/sticker.json")).then().statusCode(200);
        postTelegram(fixture("telegram/callback-query.json")).then().statusCode(200);
        assertEquals("ignored", ((Map<?, ?>) single("861234504").get("processing")).get("state"));
        assertEquals("callback_query", single("861234505").get("eventType"));
    }

    @Test
    void shouldRejectAWrongSecretToken() {
        byte[] body = fixture("telegram/message.json");
        given().contentType("application/json").body(body).post("/webhooks/telegram").then().statusCode(401);
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", "dev-telegram-secreT")
                .body(body).post("/webhooks/telegram").then().statusCode(401);
    }

    @Test
    void shouldRequireUpdateId() {
        postTelegram("{\"message\":{\"chat\":{\"id\":1},\"text\":\"x\"}}".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("field", equalTo("update_id"));
        postTelegram("{\"update_id\":\"abc\"}".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("field", equalTo("update_id"));
        postTelegram("{\"update_id\":5,\"message\":{\"text\":\"x\"}}".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("field", equalTo("message.chat"));
    }

    private static Map<String, Object> single(String updateId) {
        List<Map<String, Object>> rows = Inbox.byExternalId("telegram", updateId);
        assertEquals(1, rows.size());
        return rows.get(0);
    }
}
