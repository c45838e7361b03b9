package org.bayan.it;

import org.bayan.bench.SyntheticCorpus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes away in the middle of signed load (see {@link DatabaseProxy} for how that is staged): webhooks
 * must answer 503 so the sender retries, never 500 and never 200 for a message that was not stored; readiness
 * must say DOWN; once the database is back, every retried delivery lands and everything acknowledged is processed.
 */
class DatabaseDownIT {

    private static final int SENDERS = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    private ServiceProcess service;
    private DatabaseProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsDownAndLoseNothing() throws Exception {
        ServiceProcess.assumePostgres("database-down", "the embedded database cannot be stopped separately");
        long started = System.nanoTime();
        String database = ServiceProcess.freshPostgresDatabase();
        URI target = URI.create(database.substring("jdbc:".length()));
        proxy = new DatabaseProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
        String throughProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath();
        service = new ServiceProcess(Path.of("target", "it-dbdown-" + System.nanoTime()), throughProxy);
        service.start(Map.of());

        String source = "dbdown-it";
        String runWord = Words.unique("dbdownrun");
        List<SyntheticCorpus.Text> texts = SyntheticCorpus.fromTrainingCorpus(Path.of("."), 37).take(5000);
        WebhookClient client = new WebhookClient(service.port());
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> answered503 = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicLong slowest503Millis = new AtomicLong();
        AtomicBoolean loadOn = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int t = 0; t < SENDERS; t++) {
            senders.submit(() -> {
                while (loadOn.get()) {
                    int i = next.getAndIncrement();
                    if (i >= texts.size()) {
                        return null;
                    }
                    byte[] body = WebhookClient.delivery(source, "d" + i, "dbdown-conv" + (i % 200),
                            texts.get(i).text() + " " + runWord);
                    // as a provider does: the same delivery again until it is acknowledged
                    for (int attempt = 0; ; attempt++) {
                        long t0 = System.nanoTime();
                        WebhookClient.Answer answer = client.post(body);
                        if (answer.acknowledged()) {
                            acknowledged.add(i);
                            break;
                        }
                        if (answer.status() == 503) {
                            answered503.add(i);
                            slowest503Millis.accumulateAndGet(
                                    Duration.ofNanos(System.nanoTime() - t0).toMillis(), Math::max);
                        }
                        if (attempt > 200) {
                            return null;
                        }
                        retries.incrementAndGet();
                        Thread.sleep(250);
                    }
                    Thread.sleep(10);
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100);
        int acknowledgedBeforeCut = acknowledged.size();
        proxy.cut();
        long cutAt = System.nanoTime();
        boolean readinessDown = false;
        while (System.nanoTime() - cutAt < OUTAGE.toNanos()) {
            readinessDown |= readiness() == 503;
            Thread.sleep(250);
        }
        // answers to requests whose commit had completed just before the cut may arrive after it
        int acknowledgedDuringOutage = acknowledged.size() - acknowledgedBeforeCut;
        int status503DuringOutage = client.status503.get();
        proxy.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> readiness() == 200);
        long recoveredSeconds = Duration.ofNanos(System.nanoTime() - cutAt).toSeconds();
        Thread.sleep(2000);
        loadOn.set(false);
        senders.shutdown();
        assertTrue(senders.awaitTermination(120, TimeUnit.SECONDS), "senders finished");
        int sent = Math.min(next.get(), texts.size());

        DeskState desk = new DeskState(service.port());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> DeskState.settled(desk.messages(source)));
        List<Map<String, Object>> messages = desk.messages(source);
        Set<Object> storedIds = new HashSet<>();
        messages.forEach(m -> storedIds.add(m.get("externalId")));
        long processed = messages.stream().filter(m -> "processed".equals(DeskState.state(m))).count();
        await().atMost(Duration.ofSeconds(30)).until(() -> desk.searchTotal(runWord) >= messages.size());

        System.out.printf("RELIABILITY database-down: sent=%d acknowledged=%d stored=%d duplicates=%d 5xx=%d "
                        + "503=%d 500=%d no_answer=%d retries=%d retried_after_503_and_stored=%d "
                        + "acknowledged_after_cut=%d readiness_down=%b slowest_503_ms=%d recovered_after_s=%d "
                        + "processed=%d seconds=%d%n",
                sent, acknowledged.size(), messages.size(), DeskState.duplicates(messages), client.serverErrors.get(),
                client.status503.get(), client.status500.get(), client.noAnswer.get(), retries.get(),
                answered503.stream().filter(i -> storedIds.contains(source + "/d" + i)).count(),
                acknowledgedDuringOutage, readinessDown, slowest503Millis.get(), recoveredSeconds, processed,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        assertTrue(status503DuringOutage > 0, "webhooks answered 503 while the database was down");
        assertEquals(0, client.status500.get(), "never a 500");
        assertTrue(readinessDown, "readiness DOWN while the database was down");
        assertEquals(sent, acknowledged.size(), "every delivery acknowledged in the end (503s retried)");
        for (int i : acknowledged) {
            assertTrue(storedIds.contains(source + "/d" + i), "acknowledged delivery d" + i + " is stored");
        }
        assertEquals(acknowledged.size(), messages.size(), "nothing stored that was not sent");
        assertEquals(0, DeskState.duplicates(messages));
        assertEquals(messages.size(), processed, "every message processed after the outage");
        assertEquals(messages.size(), desk.searchTotal(runWord), "every message searchable");
    }

    private int readiness() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + service.port() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
