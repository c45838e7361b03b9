package org.bayan.security;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bayan.ingest.Signatures;
import org.bayan.support.Inbox;
import org.bayan.support.TestUsers;
import org.bayan.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends citizen text with a phone number through all three webhooks, signs in with passwords right and wrong,
 * waits until the message has gone through the whole pipeline, then reads the test run's log file
 * ({@code %test.quarkus.log.file.path}): no INFO-or-above record may contain the text, the phone number, a
 * webhook secret or a password. The file holds the whole test JVM's log, so run last it checks every test's.
 */
@QuarkusTest
class LogHygieneTest {

    static final Path LOG = Path.of("target/quarkus-test.log");
    /** The level column of quarkus.log.file.format: "yyyy-MM-dd HH:mm:ss,SSS LEVEL ". */
    static final Pattern RECORD = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} (\\w+)\\s");

    /** A base64 key of 32 bytes or more after the word "key" (Quarkus' temporary session key was printed so). */
    static final Pattern KEY = Pattern.compile("(?i)key\\W+[A-Za-z0-9+/]{40,}={0,2}");

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void shouldLogNoMessageTextPhoneNumberSecretOrPassword() throws Exception {
        long sizeBefore = Files.exists(LOG) ? Files.size(LOG) : 0;
        String nonce = Webhooks.uniqueId().replace("-", "");
        String marker = "LEAKMARK" + nonce.substring(0, 12);
        String phone = "0100" + Math.floorMod(nonce.hashCode(), 10_000_000);
        String text = "سرقوا موبايلي في المترو " + marker + " كلموني على " + phone;

        String id = Webhooks.uniqueId();
        Webhooks.postGeneric(Webhooks.genericMessage(id, "log-" + id, text)).then().statusCode(200);
        Webhooks.postTelegram(("{\"update_id\":" + Math.floorMod(nonce.hashCode(), 1_000_000_000) + 1_000_000_000L
                + ",\"message\":{\"message_id\":1,\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":{\"id\":42},"
                + "\"date\":1763895600,\"text\":\"" + text + "\"}}").getBytes(StandardCharsets.UTF_8)).then().statusCode(200);
        Webhooks.postMeta(("{\"object\":\"page\",\"entry\":[{\"id\":\"page-1\",\"messaging\":[{\"sender\":{\"id\":\""
                + phone + "\"},\"recipient\":{\"id\":\"page-1\"},\"timestamp\":1763895600000,\"message\":{\"mid\":\"m-"
                + nonce + "\",\"text\":\"" + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8)).then().statusCode(200);
        // Rejected deliveries and wrong credentials are where secrets tend to be logged "for debugging".
        byte[] body = Webhooks.genericMessage(Webhooks.uniqueId(), "c", text).getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-Bayan-Signature", Signatures.sign(body, "wrong-" + marker))
                .body(body).post("/webhooks/generic").then().statusCode(401);
        String password = "pw-" + marker;
        String wrongPassword = "wrong-pw-" + marker;
        String username = "log" + nonce.substring(0, 10);
        TestUsers.asAdmin().contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":[\"responder\"]}")
                .post("/api/v1/users").then().statusCode(201);
        given().auth().preemptive().basic(username, password).get("/api/v1/me").then().statusCode(200);
        given().auth().preemptive().basic(username, wrongPassword).get("/api/v1/me").then().statusCode(401);
        given().redirects().follow(false).formParam("j_username", username).formParam("j_password", wrongPassword)
                .post("/j_security_check").then().statusCode(302);

        List<Map<String, Object>> stored = Inbox.byExternalId("generic", "test-inbox/" + id);
        assertEquals(1, stored.size());
        // Classified, routed and indexed: every stage that could log the text has run.
        long messageId = ((Number) stored.get(0).get("id")).longValue();
        // The first message of a run also loads policies and rumor clusters: allow for a loaded CI machine.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> "processed".equals(Inbox.message(messageId).getString("processing.state")));

        assertTrue(Files.exists(LOG), "the test log file " + LOG.toAbsolutePath() + " is written");
        assertTrue(Files.size(LOG) > sizeBefore, "this test's requests were logged");
        List<String> forbidden = List.of(marker, phone, text, Webhooks.GENERIC_SECRET, Webhooks.META_SECRET,
                Webhooks.TELEGRAM_SECRET, TestUsers.PASSWORD, TestUsers.ADMIN_PASSWORD, password, wrongPassword);
        List<String> leaks = new ArrayList<>();
        String level = "";
        int records = 0;
        for (String line : Files.readAllLines(LOG, StandardCharsets.UTF_8)) {
            Matcher m = RECORD.matcher(line);
            if (m.find()) {
                level = m.group(1);
                records++;
            }
            // A stack trace's lines belong to the record above them.
            if (List.of("INFO", "WARN", "ERROR", "FATAL").contains(level)) {
                if (KEY.matcher(line).find()) {
                    leaks.add(level + " line prints what looks like a key: " + line.substring(0, Math.min(120, line.length())));
                }
                for (String secret : forbidden) {
                    if (line.contains(secret)) {
                        leaks.add(level + " line contains " + describe(secret) + ": " + line);
                    }
                }
            }
        }
        System.out.printf("LOG HYGIENE: %d records read from %s, %d leaks%n", records, LOG, leaks.size());
        assertTrue(records > 0, "the log has records in the expected format");
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    private static String describe(String secret) {
        return secret.length() > 6 ? secret.substring(0, 3) + "…(" + secret.length() + " chars)" : "a short secret";
    }
}
