package org.bayan.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.Inbox;
import org.bayan.support.TestUsers;
import org.bayan.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.bayan.support.Webhooks.genericMessage;
import static org.bayan.support.Webhooks.postGeneric;
import static org.bayan.support.Webhooks.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class GenericWebhookTest {

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldStoreSignedMessageAndAcknowledgeAfterCommit() {
        String id = uniqueId();
        postGeneric(genericMessage(id, "conv-" + id, "سرقوا مني البطاقة في الاتوبيس"))
                .then().statusCode(200)
                .body("received", equalTo(1)).body("stored", equalTo(1)).body("duplicates", equalTo(0));

        List<Map<String, Object>> stored = Inbox.byExternalId("generic", "test-inbox/" + id);
        assertEquals(1, stored.size());
        assertEquals("سرقوا مني البطاقة في الاتوبيس", stored.get(0).get("text"));
        assertEquals("test-inbox/conv-" + id, stored.get(0).get("conversation"));
    }

    @Test
    void shouldStoreNothingNewOnRedelivery() {
        String id = uniqueId();
        byte[] body = genericMessage(id, "conv-" + id, "hello").getBytes(StandardCharsets.UTF_8);
        postGeneric(body).then().statusCode(200).body("stored", equalTo(1));
        postGeneric(body).then().statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(1));
        postGeneric(body).then().statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(1));

        assertEquals(1, Inbox.byExternalId("generic", "test-inbox/" + id).size());
    }

    @Test
    void shouldStoreOnceWhenTheSameDeliveryArrivesConcurrently() throws Exception {
        String id = uniqueId();
        byte[] body = genericMessage(id, "conv-" + id, "concurrent").getBytes(StandardCharsets.UTF_8);
        int senders = 16;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return postGeneric(body).then().statusCode(200).extract().jsonPath().getInt("stored");
            }));
        }
        start.countDown();
        int stored = 0;
        for (Future<Integer> result : results) {
            stored += result.get();
        }
        pool.shutdown();

        assertEquals(1, stored, "exactly one delivery reports the message as newly stored");
        assertEquals(1, Inbox.byExternalId("generic", "test-inbox/" + id).size());
    }

    @Test
    void shouldAcceptAnArrayOfMessages() {
        String a = uniqueId();
        String b = uniqueId();
        String body = "[" + genericMessage(a, "c-" + a, "first") + "," + genericMessage(b, "c-" + b, "second") + "]";
        postGeneric(body).then().statusCode(200).body("received", equalTo(2)).body("stored", equalTo(2));
        assertEquals(1, Inbox.byExternalId("generic", "test-inbox/" + a).size());
        assertEquals(1, Inbox.byExternalId("generic", "test-inbox/" + b).size());
    }

    @Test
    void shouldDefaultConversationToAuthorAndKindToPrivate() {
        String id = uniqueId();
        String body = """
                {"source":"sms-gateway","id":"%s","author":"citizen-%s","text":"need help","sent_at":"2026-11-23T08:00:00+02:00"}
                """.formatted(id, id);
        postGeneric(body).then().statusCode(200);
        Map<String, Object> stored = Inbox.byExternalId("generic", "sms-gateway/" + id).get(0);
        assertEquals("sms-gateway/citizen-" + id, stored.get("conversation"));
        assertEquals("private", stored.get("kind"));
        assertEquals("2026-11-23T06:00:00Z", stored.get("sentAt"));
    }

    @Test
    void shouldRecordEmptyTextAsNonTextEventWithoutWork() {
        String id = uniqueId();
        postGeneric(genericMessage(id, "c-" + id, "")).then().statusCode(200).body("stored", equalTo(1));
        Map<String, Object> stored = Inbox.byExternalId("generic", "test-inbox/" + id).get(0);
        JsonPath message = Inbox.message(((Number) stored.get("id")).longValue());
        assertEquals("empty", message.getString("eventType"));
        assertEquals("ignored", message.getString("processing.state"));
        assertNull(message.get("supportCase"));
    }

    @Test
    void shouldRejectBadSignatureAndStoreNothing() {
        String id = uniqueId();
        byte[] body = genericMessage(id, "c", "x").getBytes(StandardCharsets.UTF_8);
        long before = Inbox.total();
        given().contentType("application/json").header("X-Bayan-Signature", Signatures.sign(body, "wrong-secret"))
                .body(body).post("/webhooks/generic")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().contentType("application/json").body(body).post("/webhooks/generic").then().statusCode(401);
        given().contentType("application/json").header("X-Bayan-Signature", "sha256=")
                .body(body).post("/webhooks/generic").then().statusCode(401);
        // Signed over different bytes than those sent: one extra space changes everything.
        given().contentType("application/json").header("X-Bayan-Signature", Signatures.sign(body, Webhooks.GENERIC_SECRET))
                .body(new String(body, StandardCharsets.UTF_8) + " ").post("/webhooks/generic").then().statusCode(401);
        assertEquals(before, Inbox.total());
    }

    @Test
    void shouldNameTheMissingFieldAndStoreNothing() {
        long before = Inbox.total();
        String noText = """
                {"source":"s","id":"%s","author":"a","sent_at":"2026-11-23T08:00:00Z"}""".formatted(uniqueId());
        postGeneric(noText).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("text")).body("detail", containsString("text"));
        String badKind = """
                {"source":"s","id":"%s","author":"a","text":"t","sent_at":"2026-11-23T08:00:00Z","kind":"tweet"}"""
                .formatted(uniqueId());
        postGeneric(badKind).then().statusCode(400).body("field", equalTo("kind"));
        String badDate = """
                {"source":"s","id":"%s","author":"a","text":"t","sent_at":"yesterday"}""".formatted(uniqueId());
        postGeneric(badDate).then().statusCode(400).body("field", equalTo("sent_at"));
        String good = genericMessage(uniqueId(), "c", "fine");
        String batchWithOneBad = "[" + good + ",{\"source\":\"s\",\"author\":\"a\",\"text\":\"t\",\"sent_at\":\"2026-11-23T08:00:00Z\"}]";
        postGeneric(batchWithOneBad).then().statusCode(400).body("field", equalTo("[1].id"));
        postGeneric("{\"source\":\"s\",\"id\":{\"x\":1},\"author\":\"a\",\"text\":\"t\",\"sent_at\":\"2026-11-23T08:00:00Z\"}")
                .then().statusCode(400).body("field", equalTo("id"));
        assertEquals(before, Inbox.total(), "a batch is all or nothing");
    }

    @Test
    void shouldAnswer400ToMalformedJson() {
        postGeneric("{\"source\": \"s\", \"id\": ").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not valid JSON"));
        postGeneric("").then().statusCode(400);
        postGeneric("42").then().statusCode(400);
        postGeneric("[]").then().statusCode(400);
        postGeneric("[".repeat(5000) + "]".repeat(5000)).then().statusCode(400);
    }

    @Test
    void shouldAnswer400ToInvalidUtf8() {
        byte[] body = genericMessage(uniqueId(), "c", "XX").getBytes(StandardCharsets.UTF_8);
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.indexOf("XX");
        body[at] = (byte) 0xC3;   // a lead byte ...
        body[at + 1] = (byte) 0x28; // ... followed by a byte that cannot continue it
        postGeneric(body).then().statusCode(400).body("detail", containsString("UTF-8"));
    }

    @Test
    void shouldAnswer415ToWrongContentType() {
        byte[] body = genericMessage(uniqueId(), "c", "x").getBytes(StandardCharsets.UTF_8);
        given().contentType("text/plain; charset=UTF-8").header("X-Bayan-Signature", Signatures.sign(body, Webhooks.GENERIC_SECRET))
                .body(body).post("/webhooks/generic").then().statusCode(415).contentType("application/problem+json");
        given().contentType("application/json; charset=ISO-8859-1")
                .header("X-Bayan-Signature", Signatures.sign(body, Webhooks.GENERIC_SECRET))
                .body(body).post("/webhooks/generic").then().statusCode(415);
    }

    @Test
    void shouldAnswer413ToBodyOverTheLimit() {
        long before = Inbox.total();
        String text = "a".repeat(1024 * 1024);
        postGeneric(genericMessage(uniqueId(), "c", text)).then().statusCode(413)
                .contentType("application/problem+json");
        assertEquals(before, Inbox.total());
    }

    @Test
    void shouldKeepArabicTextExactlyAsSent() {
        String id = uniqueId();
        String text = "السلام عليكم ياااا فندم ١٢٣ 🙏 wach kayn chi 7al?";
        postGeneric(genericMessage(id, "c-" + id, text)).then().statusCode(200);
        assertEquals(text, Inbox.byExternalId("generic", "test-inbox/" + id).get(0).get("text"));
    }
}
