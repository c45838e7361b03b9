package org.bayan.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.ingest.Signatures;
import org.bayan.security.UserService;
import org.bayan.support.Cases;
import org.bayan.support.OutboundStub;
import org.bayan.support.TestUsers;
import org.bayan.support.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replies leave through the outbox to a real local HTTP stub: one request per reply with each channel's body,
 * retries until delivered, dead letters with their reason, and channels without credentials kept unsent.
 */
@QuarkusTest
class OutboxTest {

    @Inject
    UserService users;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void setUp() {
        TestUsers.ensure(users);
        OutboundStub.reset();
    }

    @AfterEach
    void tearDown() {
        OutboundStub.reset();
    }

    private long reply(long caseId, String text) {
        return TestUsers.asResponder().contentType("application/json").body("{\"text\":\"" + text + "\"}")
                .post("/api/v1/cases/" + caseId + "/reply").then().statusCode(200)
                .extract().jsonPath().getLong("outbound.id");
    }

    private OutboundMessage awaitStatus(long id, String status) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(row(id).status));
        return row(id);
    }

    @Transactional
    OutboundMessage row(long id) {
        OutboundMessage row = em.find(OutboundMessage.class, id);
        em.detach(row);
        return row;
    }

    private List<OutboundStub.Received> requestsWith(String marker) {
        return OutboundStub.RECEIVED.stream().filter(r -> r.body().contains(marker)).toList();
    }

    @Test
    void shouldPostGenericRepliesSignedOnceWithAnIdempotencyKey() throws Exception {
        String conversation = Webhooks.uniqueId();
        long caseId = Cases.openIn(conversation, "Where do I get a copy of an accident report for insurance?");
        String marker = "generic-reply-" + Webhooks.uniqueId();
        long id = reply(caseId, marker);
        OutboundMessage sent = awaitStatus(id, "sent");
        List<OutboundStub.Received> got = requestsWith(marker);
        assertEquals(1, got.size(), "exactly one request per reply");
        OutboundStub.Received request = got.get(0);
        assertEquals("/generic", request.path());
        assertTrue(Signatures.validHmacSha256(request.header("X-Bayan-Signature"),
                request.body().getBytes(StandardCharsets.UTF_8), Webhooks.GENERIC_SECRET));
        assertEquals(sent.idempotencyKey, request.header("Idempotency-Key"));
        JsonNode body = json.readTree(request.body());
        assertEquals("test-inbox", body.get("source").asText());
        assertEquals(conversation, body.get("conversation").asText());
        assertEquals(marker, body.get("text").asText());
        assertEquals("en", body.get("language").asText());
        assertEquals(1, sent.attempts);
        assertNotNull(sent.providerId);
        TestUsers.asResponder().get("/api/v1/cases/" + caseId).then()
                .body("thread.find { it.type == 'reply' }.status", equalTo("sent"));
    }

    @Test
    void shouldRetryUntilDeliveredWhenTheReceiverFailsTwice() {
        long caseId = Cases.open("My car was towed from Tahrir street, where is the pound?");
        OutboundStub.script(503, 500);
        String marker = "retry-" + Webhooks.uniqueId();
        long id = reply(caseId, marker);
        OutboundMessage sent = awaitStatus(id, "sent");
        assertEquals(3, sent.attempts);
        assertEquals(3, requestsWith(marker).size(), "two failures and one success");
    }

    @Test
    void shouldDeadLetterWithTheReasonWhenTheReceiverAlwaysFails() {
        long caseId = Cases.open("Someone parked in front of my garage every night on Abbas street");
        OutboundStub.failAlways(502);
        String marker = "dead-" + Webhooks.uniqueId();
        long id = reply(caseId, marker);
        OutboundMessage dead = awaitStatus(id, "dead");
        assertEquals(3, dead.attempts, "max-attempts is 3 in tests");
        assertTrue(dead.lastError.contains("HTTP 502"), dead.lastError);
        TestUsers.asResponder().get("/api/v1/cases/" + caseId).then()
                .body("thread.find { it.type == 'reply' }.status", equalTo("dead"))
                .body("thread.find { it.type == 'reply' }.error", org.hamcrest.Matchers.containsString("HTTP 502"));
    }

    @Test
    void shouldDeadLetterAtOnceWhenTheReceiverRefusesTheRequest() {
        long caseId = Cases.open("Where can I pay a traffic fine online?");
        OutboundStub.failAlways(403);
        long id = reply(caseId, "refused-" + Webhooks.uniqueId());
        OutboundMessage dead = awaitStatus(id, "dead");
        assertEquals(1, dead.attempts, "a 403 will not change by retrying");
    }

    @Test
    void shouldSpeakEachChannelsApi() throws Exception {
        String[][] cases = {
                {"messenger", "psid-77", "m1", "/graph/me/messages"},
                {"instagram", "igsid-88", "m2", "/graph/me/messages"},
                {"facebook_comment", "thread-1", "1200_3400:edited:abc", "/graph/1200_3400/comments"},
                {"instagram_comment", "thread-2", "178990", "/graph/178990/replies"},
                {"telegram", "-100555", "upd-9", "/telegram/bottest-bot-token/sendMessage"},
        };
        for (String[] c : cases) {
            String marker = c[0] + "-" + Webhooks.uniqueId();
            long id = enqueue(c[0], c[1], c[2], marker);
            awaitStatus(id, "sent");
            List<OutboundStub.Received> got = requestsWith(marker);
            assertEquals(1, got.size(), c[0]);
            assertEquals(c[3], got.get(0).path(), c[0]);
            JsonNode body = json.readTree(got.get(0).body());
            switch (c[0]) {
                case "messenger", "instagram" -> {
                    assertEquals(c[1], body.at("/recipient/id").asText());
                    assertEquals("RESPONSE", body.get("messaging_type").asText());
                    assertEquals(marker, body.at("/message/text").asText());
                    assertEquals("Bearer test-page-token", got.get(0).header("Authorization"));
                }
                case "facebook_comment", "instagram_comment" -> assertEquals(marker, body.get("message").asText());
                case "telegram" -> {
                    assertEquals("-100555", body.get("chat_id").asText());
                    assertEquals(marker, body.get("text").asText());
                }
                default -> throw new AssertionError(c[0]);
            }
        }
    }

    @Test
    void shouldKeepRepliesUnsentWhenTheChannelHasNoCredentials() {
        // the tests configure no WhatsApp token
        long id = enqueue("whatsapp", "10550:201001234567", "wamid.1", "whatsapp-" + Webhooks.uniqueId());
        OutboundMessage row = row(id);
        assertEquals("not_configured", row.status);
        assertEquals("not sent: channel not configured", row.lastError);
    }

    @Transactional
    long enqueue(String channel, String conversationKey, String externalId, String text) {
        long caseId = ((Number) em.createNativeQuery("SELECT MIN(id) FROM support_case").getSingleResult()).longValue();
        return outbox.reply(caseId, Outbox.addressOf(1L, channel, conversationKey, externalId), text, "ar", null,
                "responder1").id;
    }
}
