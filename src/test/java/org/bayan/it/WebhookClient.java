package org.bayan.it;

import org.bayan.ingest.Signatures;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook sender as Meta or any provider behaves: it signs each delivery, counts what it saw, and treats
 * anything but a 2xx (connection refused or reset, timeout, 5xx) as "not acknowledged", to be sent again.
 */
final class WebhookClient {

    /** Status recorded when no HTTP answer arrived at all (refused, reset, timed out). */
    static final int NO_ANSWER = -1;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private volatile int port;

    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();
    final AtomicInteger status500 = new AtomicInteger();
    final AtomicInteger status503 = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final AtomicInteger otherStatus = new AtomicInteger();

    WebhookClient(int port) {
        this.port = port;
    }

    /** A restarted service listens on a new port (each start picks a free one). */
    void port(int port) {
        this.port = port;
    }

    /** One delivery of the generic webhook, written the day before (its SLA clock is long past due). */
    static byte[] delivery(String source, String id, String conversation, String text) {
        return delivery(source, id, conversation, text, java.time.Instant.parse("2026-11-23T10:00:00Z"));
    }

    /** One delivery of the generic webhook, written by the citizen at {@code sentAt}. */
    static byte[] delivery(String source, String id, String conversation, String text, java.time.Instant sentAt) {
        return ("{\"source\":\"" + source + "\",\"id\":\"" + id + "\",\"conversation\":\"" + conversation
                + "\",\"author\":\"author-" + conversation + "\",\"text\":\"" + text.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\",\"sent_at\":\"" + sentAt + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Posts one signed delivery; answers the HTTP status and body, or {@link #NO_ANSWER}. */
    Answer post(byte[] body) {
        posts.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/generic"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Bayan-Signature", Signatures.sign(body, "dev-webhook-secret"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                acknowledged.incrementAndGet();
            } else if (status >= 500) {
                serverErrors.incrementAndGet();
                (status == 503 ? status503 : status == 500 ? status500 : otherStatus).incrementAndGet();
            } else {
                otherStatus.incrementAndGet();
            }
            return new Answer(status, response.body());
        } catch (IOException e) {
            noAnswer.incrementAndGet();
            return new Answer(NO_ANSWER, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            noAnswer.incrementAndGet();
            return new Answer(NO_ANSWER, null);
        }
    }

    record Answer(int status, String body) {
        boolean acknowledged() {
            return status / 100 == 2;
        }
    }
}
