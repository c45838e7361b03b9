package org.bayan.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures "acknowledged → searchable" on a sample: one message at a time carries a unique word; once it is
 * acknowledged, the console search is asked for that word every {@link #POLL} until the message is found.
 * <p>
 * The console is used rather than {@code /api/v1/search} because the API checks a bcrypt password on every
 * request (tens of milliseconds of CPU each, which would load the service more than the probe measures); the
 * console keeps a signed-in session in a cookie. Searchability includes the index refresh interval
 * ({@code bayan.search.refresh-interval}, 0.5 s by default), which is why this is measured, not derived.
 */
final class LoadSearchProbe implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    /** Long enough for a backlog of a minute to drain: a slow sample is a result, not a miss. */
    private static final Duration GIVE_UP = Duration.ofSeconds(120);
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(60);
    private static final Duration BETWEEN_SAMPLES = Duration.ofMillis(200);

    private static final long NONE = -1;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String cookie;
    private final AtomicInteger tokens = new AtomicInteger();

    private volatile boolean wanted;
    private volatile boolean stepOpen;
    private final AtomicLong taggedSeq = new AtomicLong(NONE);
    private volatile String taggedToken;
    private final AtomicLong ackNanos = new AtomicLong();
    private volatile long taggedNanos;
    private volatile boolean running = true;
    private volatile Sample current = new Sample(new Histogram(3), new AtomicInteger());
    private final Thread thread;

    LoadSearchProbe(URI base, String user, String password) throws IOException, InterruptedException {
        this.base = base;
        this.cookie = signIn(user, password);
        this.thread = new Thread(this::run, "search-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** The signed-in console session, for other probes of the same run. */
    String cookie() {
        return cookie;
    }

    /** The probe word for message {@code seq} when the probe is free for a new sample; null otherwise. */
    String tokenFor(String step, long seq) {
        if (!wanted) {
            return null;
        }
        synchronized (this) {
            if (!wanted) {
                return null;
            }
            wanted = false;
            taggedToken = WebhookTraffic.probeToken(tokens.incrementAndGet());
            ackNanos.set(0);
            taggedNanos = System.nanoTime();
            taggedSeq.set(seq);
            return taggedToken;
        }
    }

    void acknowledged(long seq, long nanos) {
        if (taggedSeq.get() == seq) {
            ackNanos.compareAndSet(0, nanos);
        }
    }

    /** Starts a new step's sample. */
    synchronized void startStep() {
        current = new Sample(new Histogram(3), new AtomicInteger());
        stepOpen = true;
        // A sample still followed from the previous step keeps the probe busy; it asks for a new tag when done.
        wanted = taggedSeq.get() == NONE;
    }

    /**
     * Stops tagging messages. The sample in flight is still followed to the end and recorded into this step's
     * figures, which are therefore complete only after the backlog has drained.
     */
    synchronized Sample finishStep() {
        stepOpen = false;
        wanted = false;
        return current;
    }

    /** Searchability latencies (microseconds) of a step and how many tagged messages were never found. */
    record Sample(Histogram latency, AtomicInteger missed) {
    }

    private void run() {
        while (running) {
            long seq = taggedSeq.get();
            long acked = ackNanos.get();
            if (seq != NONE && acked == 0 && System.nanoTime() - taggedNanos > REQUEST_LIMIT.toNanos()) {
                // The tagged delivery was never acknowledged (an error is counted by the load generator).
                current.missed().incrementAndGet();
                taggedSeq.set(NONE);
                wanted = stepOpen;
            }
            if (seq == NONE || acked == 0) {
                sleep(Duration.ofMillis(2));
                continue;
            }
            String token = taggedToken;
            Sample into = current;
            boolean found = false;
            while (running && System.nanoTime() - acked < GIVE_UP.toNanos()) {
                if (search(token)) {
                    synchronized (into) {
                        into.latency().recordValue(Math.max(1, (System.nanoTime() - acked) / 1000));
                    }
                    found = true;
                    break;
                }
                sleep(POLL);
            }
            if (!found) {
                into.missed().incrementAndGet();
            }
            taggedSeq.set(NONE);
            sleep(BETWEEN_SAMPLES);
            synchronized (this) {
                if (stepOpen && taggedSeq.get() == NONE) {
                    wanted = true;
                }
            }
        }
    }

    private boolean search(String token) {
        try {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                            base.resolve("/console/search?q=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .header("Cookie", cookie).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            // Each hit is an <li data-message="…">; the query echo in the form does not look like that.
            return page.statusCode() == 200 && page.body().contains("data-message=\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    private String signIn(String user, String password) throws IOException, InterruptedException {
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(base.resolve("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        // the login cookie and the sign-in ticket, as one Cookie header
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("quarkus-credential=") || c.startsWith("bayan-sign-in="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .toList();
        if (cookies.size() != 2) {
            throw new IllegalStateException("Console sign-in failed: HTTP " + response.statusCode());
        }
        return String.join("; ", cookies);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
    }
}
