package org.bayan.support;

import io.restassured.response.Response;
import org.bayan.ingest.Signatures;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Posts correctly (or deliberately wrongly) signed deliveries, as the providers would. */
public final class Webhooks {

    public static final String META_SECRET = "dev-meta-app-secret";
    public static final String TELEGRAM_SECRET = "dev-telegram-secret";
    public static final String GENERIC_SECRET = "dev-webhook-secret";

    private Webhooks() {
    }

    public static Response postGeneric(byte[] body) {
        return given().contentType("application/json")
                .header("X-Bayan-Signature", Signatures.sign(body, GENERIC_SECRET))
                .body(body).post("/webhooks/generic");
    }

    public static Response postGeneric(String json) {
        return postGeneric(json.getBytes(StandardCharsets.UTF_8));
    }

    public static Response postMeta(byte[] body) {
        return given().contentType("application/json")
                .header("X-Hub-Signature-256", Signatures.sign(body, META_SECRET))
                .body(body).post("/webhooks/meta");
    }

    public static Response postTelegram(byte[] body) {
        return given().contentType("application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET)
                .body(body).post("/webhooks/telegram");
    }

    /** A generic message with a fresh id, so that tests never collide with each other's data. */
    public static String genericMessage(String id, String conversation, String text) {
        return """
                {"source":"test-inbox","id":"%s","conversation":"%s","author":"author-%s","text":"%s",\
                "sent_at":"%s","kind":"private"}""".formatted(id, conversation, id, text, Instant.now());
    }

    public static String uniqueId() {
        return UUID.randomUUID().toString();
    }

    public static byte[] fixture(String path) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
