package org.bayan.security;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bayan.ingest.Signatures;
import org.bayan.support.Inbox;
import org.bayan.support.TestUsers;
import org.bayan.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Meta and Telegram refusals store nothing: unsigned, wrongly signed, signed by another secret, and bodies over
 * the limit (checked before the signature). The generic webhook's are in GenericWebhookTest
 * (shouldRejectBadSignatureAndStoreNothing, shouldAnswer413ToBodyOverTheLimit); the 401 answers themselves in
 * MetaWebhookTest and TelegramWebhookTest.
 */
@QuarkusTest
class WebhookAuthTest {

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldStoreNothingFromUnsignedOrWronglySignedMetaAndTelegramDeliveries() {
        long before = Inbox.total();
        byte[] meta = Webhooks.fixture("meta/messenger-text.json");
        given().contentType("application/json").body(meta).post("/webhooks/meta").then().statusCode(401);
        given().contentType("application/json").header("X-Hub-Signature-256", Signatures.sign(meta, Webhooks.GENERIC_SECRET))
                .body(meta).post("/webhooks/meta").then().statusCode(401);
        given().contentType("application/json").header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .body(meta).post("/webhooks/meta").then().statusCode(401);
        byte[] telegram = Webhooks.fixture("telegram/message.json");
        given().contentType("application/json").body(telegram).post("/webhooks/telegram").then().statusCode(401);
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", Webhooks.META_SECRET)
                .body(telegram).post("/webhooks/telegram").then().statusCode(401);
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", "")
                .body(telegram).post("/webhooks/telegram").then().statusCode(401);
        assertEquals(before, Inbox.total());
    }

    @Test
    void shouldAnswer413AndStoreNothingForOversizedMetaAndTelegramBodies() {
        long before = Inbox.total();
        String padding = "x".repeat(1024 * 1024);
        byte[] meta = ("{\"object\":\"page\",\"entry\":[{\"id\":\"p\",\"messaging\":[{\"sender\":{\"id\":\"u\"},"
                + "\"message\":{\"mid\":\"" + Webhooks.uniqueId() + "\",\"text\":\"" + padding + "\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        Webhooks.postMeta(meta).then().statusCode(413).contentType("application/problem+json");
        byte[] telegram = ("{\"update_id\":7,\"message\":{\"chat\":{\"id\":1},\"text\":\"" + padding + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        Webhooks.postTelegram(telegram).then().statusCode(413);
        // Over the limit and unsigned: the size is refused first, without reading the signature.
        given().contentType("application/json").body(telegram).post("/webhooks/telegram").then().statusCode(413);
        assertEquals(before, Inbox.total());
    }
}
