package org.bayan.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts signed generic webhooks on the JDK {@link HttpClient} (HTTP/1.1, keep-alive), in two modes:
 * <ul>
 *   <li><b>open loop</b> ({@link #fixedRate}): message {@code i} is due at {@code start + i/rate}, whatever the
 *   server is doing; its latency is measured from that due time, not from when it actually left, so a stalled
 *   server shows up as latency instead of as fewer requests (no coordinated omission). In-flight requests are
 *   capped; a request waiting for the cap is late, and that lateness is in its latency too;</li>
 *   <li><b>closed loop</b> ({@link #maxThroughput}): N senders, each posting its next message as soon as the
 *   previous one is answered: the most the service acknowledges with N concurrent clients.</li>
 * </ul>
 * The client runs on the same 2-core machine as the service, so its own CPU time is reported with the results.
 */
final class LoadGenerator {

    /** What one step sent and what came back. Latencies in microseconds. */
    record StepResult(String step, Integer offeredRate, int senders, long sent, long acknowledged, long non2xx,
                      long failed, Histogram ackLatency, double seconds, double ackThroughput,
                      AtomicLongArray ackEpochMicros, Instant started, Instant ended) {
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI webhook;
    private final WebhookTraffic traffic;
    private final LoadSearchProbe probe;
    private final int maxInFlight;

    LoadGenerator(URI webhook, WebhookTraffic traffic, LoadSearchProbe probe, int maxInFlight) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.webhook = webhook;
        this.traffic = traffic;
        this.probe = probe;
        this.maxInFlight = maxInFlight;
    }

    StepResult fixedRate(String step, int rate, Duration duration) throws InterruptedException {
        int total = (int) (rate * duration.toMillis() / 1000);
        Tally tally = new Tally(total);
        Semaphore inFlight = new Semaphore(maxInFlight);
        CountDownLatch done = new CountDownLatch(total);
        double periodNanos = 1e9 / rate;
        Instant started = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * periodNanos);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            long seq = i;
            WebhookTraffic.Delivery delivery = traffic.delivery(step, seq, probe == null ? null : probe.tokenFor(step, seq));
            tally.sent.incrementAndGet();
            client.sendAsync(request(delivery), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        tally.record(seq, due, response == null ? -1 : response.statusCode(), probe);
                        inFlight.release();
                        done.countDown();
                    });
        }
        if (!done.await(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
            System.err.printf("  %s: %d requests still unanswered%n", step, done.getCount());
        }
        return tally.result(step, rate, 0, start, started);
    }

    StepResult maxThroughput(String step, int senders, Duration duration, int capacity) throws InterruptedException {
        Tally tally = new Tally(capacity);
        AtomicLong next = new AtomicLong();
        Instant started = Instant.now();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long seq = next.getAndIncrement();
                    if (seq >= capacity) {
                        return;
                    }
                    WebhookTraffic.Delivery delivery = traffic.delivery(step, seq,
                            probe == null ? null : probe.tokenFor(step, seq));
                    tally.sent.incrementAndGet();
                    long sentAt = System.nanoTime();
                    int status;
                    try {
                        status = client.send(request(delivery), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    tally.record(seq, sentAt, status, probe);
                }
            }, "load-sender-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return tally.result(step, null, senders, start, started);
    }

    private HttpRequest request(WebhookTraffic.Delivery delivery) {
        return HttpRequest.newBuilder(webhook)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Bayan-Signature", delivery.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
    }

    /** Counts and latencies of one step, filled from the client's completion threads. */
    private static final class Tally {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong non2xx = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong lastAck = new AtomicLong();
        final Histogram latency = new ConcurrentHistogram(3);
        final AtomicLongArray ackEpochMicros;

        Tally(int capacity) {
            ackEpochMicros = new AtomicLongArray(capacity);
        }

        void record(long seq, long fromNanos, int status, LoadSearchProbe probe) {
            long now = System.nanoTime();
            if (status < 0) {
                failed.incrementAndGet();
                return;
            }
            if (status / 100 != 2) {
                non2xx.incrementAndGet();
                return;
            }
            Instant wall = Instant.now();
            ackEpochMicros.set((int) seq, wall.getEpochSecond() * 1_000_000 + wall.getNano() / 1000);
            acknowledged.incrementAndGet();
            latency.recordValue(Math.max(1, (now - fromNanos) / 1000));
            lastAck.accumulateAndGet(now, Math::max);
            if (probe != null) {
                probe.acknowledged(seq, now);
            }
        }

        StepResult result(String step, Integer rate, int senders, long start, Instant started) {
            double seconds = Math.max(1e-9, (lastAck.get() == 0 ? System.nanoTime() : lastAck.get()) - start) / 1e9;
            return new StepResult(step, rate, senders, sent.get(), acknowledged.get(), non2xx.get(), failed.get(),
                    latency, seconds, acknowledged.get() / seconds, ackEpochMicros, started, Instant.now());
        }
    }
}
