package org.bayan.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bayan.security.UserService;
import org.bayan.support.FuzzInputs;
import org.bayan.support.Inbox;
import org.bayan.support.TestUsers;
import org.bayan.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.bayan.support.Webhooks.postGeneric;
import static org.bayan.support.Webhooks.postMeta;
import static org.bayan.support.Webhooks.postTelegram;
import static org.bayan.support.Webhooks.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzed, correctly signed deliveries to the three webhooks through the running service: the answer is 2xx or
 * 4xx, never 5xx (a 503 would make the provider retry a delivery that can never be stored).
 * <p>
 * The cases come from the same generators as the jqwik properties ({@link WebhookParserFuzzTest}), drawn here
 * from a seeded {@link Random} inside a plain JUnit test: jqwik's engine does not run Quarkus' test extension,
 * so a {@code @Property} method in a {@code @QuarkusTest} class would get no started application. The seed is
 * printed; {@code -Dbayan.fuzz.seed=<seed>} replays a run and {@code -Dbayan.fuzz.http-tries=<n>} changes its size.
 */
@QuarkusTest
class WebhookFuzzTest {

    private static final long SEED = FuzzInputs.HTTP_SEED;
    private static final int TRIES = FuzzInputs.HTTP_TRIES;

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldNeverAnswer5xxToFuzzedGenericDeliveries() {
        fuzz("webhook-generic", FuzzInputs.genericFixtures(), Webhooks::postGeneric);
    }

    @Test
    void shouldNeverAnswer5xxToFuzzedMetaDeliveries() {
        fuzz("webhook-meta", FuzzInputs.metaFixtures(), Webhooks::postMeta);
    }

    @Test
    void shouldNeverAnswer5xxToFuzzedTelegramDeliveries() {
        fuzz("webhook-telegram", FuzzInputs.telegramFixtures(), Webhooks::postTelegram);
    }

    private static void fuzz(String target, List<JsonNode> fixtures, Function<byte[], Response> post) {
        Random random = new Random(SEED ^ target.hashCode());
        int ok = 0;
        int rejected = 0;
        for (int i = 0; i < TRIES; i++) {
            String body = FuzzInputs.body(random, fixtures);
            Response response = post.apply(body.getBytes(StandardCharsets.UTF_8));
            int status = response.statusCode();
            assertTrue(status < 500, target + " answered " + status + " (seed " + SEED + ", try " + i + ") to "
                    + WebhookParserFuzzTest.abbreviate(body) + "\n" + response.asString());
            if (status < 300) {
                ok++;
            } else {
                rejected++;
            }
        }
        System.out.printf("FUZZ %s: seed=%d tried=%d 2xx=%d 4xx=%d 5xx=0%n", target, SEED, TRIES, ok, rejected);
    }

    // Regressions: each of these answered 500 or 503 before the fix the fuzzers led to.

    @Test
    void shouldRecordAMetaChangeWithoutAFieldInsteadOfFailing() {
        String id = "ig-" + uniqueId();
        postMeta(("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + id + "\",\"time\":1763895500,"
                + "\"changes\":[{\"value\":{\"id\":\"c1\",\"text\":\"x\"}}]}]}").getBytes(StandardCharsets.UTF_8))
                .then().statusCode(200).body("stored", equalTo(1));
    }

    @Test
    void shouldRejectTimesOutsideTheStorableYearsAndStoreNothing() {
        long before = Inbox.total();
        for (String sentAt : List.of("+292278994-08-17T07:12:55.807Z", "+999999999-12-31T23:59:59Z", "-4714-01-01T00:00:00Z")) {
            postGeneric("{\"source\":\"s\",\"id\":\"" + uniqueId() + "\",\"author\":\"a\",\"text\":\"t\",\"sent_at\":\""
                    + sentAt + "\"}").then().statusCode(400).body("field", equalTo("sent_at"));
        }
        postTelegram(("{\"update_id\":" + Math.abs(new Random().nextInt()) + ",\"message\":{\"chat\":{\"id\":1},"
                + "\"date\":-9223372036854775808,\"text\":\"x\"}}").getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("field", equalTo("message.date"));
        postMeta(("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[{\"sender\":{\"id\":\"u1\"},"
                + "\"timestamp\":9223372036854775807,\"message\":{\"mid\":\"" + uniqueId() + "\",\"text\":\"x\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8)).then().statusCode(400).body("field", equalTo("entry[0].messaging[0].timestamp"));
        assertEquals(before, Inbox.total());
    }

    @Test
    void shouldRejectIdsThatAreTooLongTogetherAndStoreNothing() {
        long before = Inbox.total();
        String source = "s".repeat(100);
        String id = uniqueId() + "i".repeat(200 - 36);
        postGeneric("{\"source\":\"" + source + "\",\"id\":\"" + id + "\",\"author\":\"a\",\"text\":\"t\","
                + "\"sent_at\":\"2026-11-23T10:00:00Z\"}").then().statusCode(400);
        String line = "7".repeat(200);
        postMeta(("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"metadata\":{\"phone_number_id\":\"" + line + "\"},\"messages\":[{\"id\":\"" + uniqueId()
                + "\",\"from\":\"" + line + "\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}]}}]}]}")
                .getBytes(StandardCharsets.UTF_8)).then().statusCode(400);
        assertEquals(before, Inbox.total());
    }
}
