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
import static org.bayan.support.Webhooks.postMeta;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries in the shapes Meta documents. Fixtures have fixed ids, so each test only asserts on
 * the rows its own fixture produces, and redelivery of a fixture is itself a duplicate check.
 */
@QuarkusTest
class MetaWebhookTest {

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldAnswerTheSubscriptionChallengeOnlyWithTheVerifyToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "dev-meta-verify-token")
                .queryParam("hub.challenge", "1158201444").get("/webhooks/meta")
                .then().statusCode(200).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guess")
                .queryParam("hub.challenge", "1158201444").get("/webhooks/meta")
                .then().statusCode(403).contentType("application/problem+json");
        given().queryParam("hub.mode", "subscribe").queryParam("hub.challenge", "1").get("/webhooks/meta")
                .then().statusCode(403);
    }

    @Test
    void shouldStoreMessengerTextAsPrivateWork() {
        postMeta(fixture("meta/messenger-text.json")).then().statusCode(200);
        List<Map<String, Object>> rows = Inbox.byExternalId("messenger", "m_AbCdEf0123456789messenger-text-1");
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertEquals("7391028475610293", row.get("conversation"));
        assertEquals("private", row.get("kind"));
        assertEquals("text", row.get("eventType"));
        assertTrue(((String) row.get("text")).startsWith("السلام عليكم"));
        Inbox.processed(((Number) row.get("id")).longValue());
    }

    @Test
    void shouldRecordReactionsReadsAttachmentsAndEchoesWithoutWork() {
        postMeta(fixture("meta/messenger-mixed-events.json")).then().statusCode(200)
                .body("received", equalTo(6));
        List<Map<String, Object>> thread = Inbox.byConversation("7391028475610293");
        long texts = thread.stream().filter(m -> "m_mixed-text-1".equals(m.get("externalId"))).count();
        assertEquals(1, texts);
        assertEquals("attachment", single("messenger", "m_mixed-attachment-1").get("eventType"));
        assertEquals("echo", single("messenger", "m_mixed-echo-1").get("eventType"));
        assertTrue(thread.stream().anyMatch(m -> "reaction".equals(m.get("eventType"))));
        assertTrue(thread.stream().anyMatch(m -> "read".equals(m.get("eventType"))));
        for (Map<String, Object> m : thread) {
            if (!"text".equals(m.get("eventType"))) {
                assertEquals("ignored", ((Map<?, ?>) m.get("processing")).get("state"), m.toString());
            }
        }
        assertEquals("5550001112223334", single("messenger", "m_mixed-text-2").get("conversation"));
        // The whole delivery again: Meta retries until it gets a 200.
        postMeta(fixture("meta/messenger-mixed-events.json")).then().statusCode(200)
                .body("stored", equalTo(0)).body("duplicates", equalTo(6));
    }

    @Test
    void shouldStorePageCommentsWithOneThreadPerTopLevelComment() {
        postMeta(fixture("meta/page-comment-add.json")).then().statusCode(200);
        Map<String, Object> top = single("facebook_comment", "998877665544_1122334455");
        assertEquals("comment", top.get("kind"));
        assertEquals("998877665544_1122334455", top.get("conversation"));

        postMeta(fixture("meta/page-comment-reply-and-edit.json")).then().statusCode(200).body("received", equalTo(4));
        Map<String, Object> reply = single("facebook_comment", "998877665544_1122334499");
        assertEquals("998877665544_1122334455", reply.get("conversation"), "a reply joins its comment's thread");

        List<Map<String, Object>> thread = Inbox.byConversation("998877665544_1122334455");
        Map<String, Object> edit = thread.stream()
                .filter(m -> ((String) m.get("externalId")).startsWith("998877665544_1122334455:edited:"))
                .findFirst().orElseThrow();
        assertEquals("text", edit.get("eventType"));
        assertTrue(((String) edit.get("text")).contains("رخصة القيادة"));
        assertEquals("own_comment", single("facebook_comment", "998877665544_1122334500:add").get("eventType"),
                "the page's own reply is recorded but creates no work");

        postMeta(fixture("meta/page-comment-reply-and-edit.json")).then().statusCode(200).body("stored", equalTo(0));
    }

    @Test
    void shouldStoreInstagramMessagesAndComments() {
        postMeta(fixture("meta/instagram-message.json")).then().statusCode(200).body("stored", equalTo(1));
        Map<String, Object> dm = single("instagram", "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAx");
        assertEquals("private", dm.get("kind"));
        assertEquals("6543210987654321", dm.get("conversation"));

        postMeta(fixture("meta/instagram-comment.json")).then().statusCode(200);
        Map<String, Object> comment = single("instagram_comment", "17900000000000777");
        assertEquals("comment", comment.get("kind"));
        assertEquals("is it true that they close the ring road tomorrow??", comment.get("text"));
    }

    @Test
    void shouldStoreWhatsAppTextAndRecordStatuses() {
        postMeta(fixture("meta/whatsapp-text.json")).then().statusCode(200);
        Map<String, Object> text = single("whatsapp", "wamid.HBgMMjAxMDAxMjM0NTY3FQIAEhggQkE5OTg3NjU0MzIxMEFCQ0RFRgA=");
        assertEquals("106540352242922:201001234567", text.get("conversation"));
        assertEquals("text", text.get("eventType"));

        postMeta(fixture("meta/whatsapp-statuses.json")).then().statusCode(200).body("received", equalTo(2));
        postMeta(fixture("meta/whatsapp-statuses.json")).then().statusCode(200).body("stored", equalTo(0));
    }

    @Test
    void shouldUseMediaCaptionsAsTextAndRecordStickers() {
        postMeta(fixture("meta/whatsapp-image-and-sticker.json")).then().statusCode(200);
        Map<String, Object> image = single("whatsapp", "wamid.image-with-caption-1");
        assertEquals("text", image.get("eventType"));
        assertEquals("sticker", single("whatsapp", "wamid.sticker-1").get("eventType"));
    }

    @Test
    void shouldRejectUnsignedOrWronglySignedDeliveries() {
        byte[] body = fixture("meta/messenger-text.json");
        given().contentType("application/json").body(body).post("/webhooks/meta").then().statusCode(401);
        given().contentType("application/json")
                .header("X-Hub-Signature-256", Signatures.sign(body, "another-app-secret"))
                .body(body).post("/webhooks/meta").then().statusCode(401);
        // The X-Hub-Signature (SHA-1) header alone is not accepted.
        given().contentType("application/json").header("X-Hub-Signature", "sha1=0000")
                .body(body).post("/webhooks/meta").then().statusCode(401);
    }

    @Test
    void shouldNameTheBrokenFieldOfAMetaPayload() {
        postMeta("{\"entry\":[]}".getBytes(StandardCharsets.UTF_8)).then().statusCode(400).body("field", equalTo("object"));
        postMeta("{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8)).then().statusCode(400).body("field", equalTo("entry"));
        postMeta("""
                {"object":"page","entry":[{"id":"1","messaging":[{"recipient":{"id":"1"},"message":{"mid":"x","text":"t"}}]}]}"""
                .getBytes(StandardCharsets.UTF_8)).then().statusCode(400).body("field", equalTo("entry[0].messaging[0].sender"));
        postMeta("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"id":"w1","type":"text","text":{"body":"x"}}]}}]}]}"""
                .getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("field", equalTo("entry[0].changes[0].value.messages[0].from"));
        postMeta("{\"object\":\"page\",\"entry\":\"nope\"}".getBytes(StandardCharsets.UTF_8)).then().statusCode(400);
    }

    private static Map<String, Object> single(String channel, String externalId) {
        List<Map<String, Object>> rows = Inbox.byExternalId(channel, externalId);
        assertEquals(1, rows.size(), channel + " " + externalId);
        return rows.get(0);
    }
}
