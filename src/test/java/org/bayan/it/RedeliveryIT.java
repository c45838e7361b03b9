package org.bayan.it;

import io.restassured.path.json.JsonPath;
import org.bayan.bench.SyntheticCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Providers deliver at least once: here one delivery in ten comes twice, half of those as two posts of the same
 * body released at the same instant on two threads. Each message must be stored once, with one case per
 * conversation, and of two racing posts exactly one reports the message as stored.
 */
@ExtendWith(SharedService.class)
class RedeliveryIT {

    private static final int MESSAGES = 400;
    private static final int CONVERSATIONS = 100;
    private static final int SENDERS = 8;

    @Test
    void shouldStoreEachMessageOnceWhenOneDeliveryInTenComesTwice(ServiceProcess service) throws Exception {
        long started = System.nanoTime();
        String source = "redelivery-it";
        String runWord = Words.unique("redeliveryrun");
        List<SyntheticCorpus.Text> texts = SyntheticCorpus.fromTrainingCorpus(Path.of("."), 23).take(MESSAGES);
        WebhookClient client = new WebhookClient(service.port());
        AtomicInteger concurrentPairs = new AtomicInteger();
        AtomicInteger laterRepeats = new AtomicInteger();
        AtomicInteger racesStoredOnce = new AtomicInteger();
        AtomicInteger notAcknowledged = new AtomicInteger();

        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        // The second post of a racing pair runs here, so a pair never waits on a sender slot of its own pool.
        ExecutorService twins = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            byte[] body = WebhookClient.delivery(source, "r" + i, "redelivery-conv" + (i % CONVERSATIONS),
                    texts.get(i).text() + " " + runWord);
            int n = i;
            work.add(senders.submit(() -> {
                if (n % 20 == 0) {
                    // two posts of one body, released together
                    CyclicBarrier together = new CyclicBarrier(2);
                    Future<WebhookClient.Answer> twin = twins.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return client.post(body);
                    });
                    together.await(10, TimeUnit.SECONDS);
                    WebhookClient.Answer mine = client.post(body);
                    WebhookClient.Answer theirs = twin.get(30, TimeUnit.SECONDS);
                    concurrentPairs.incrementAndGet();
                    if (mine.acknowledged() && theirs.acknowledged()
                            && storedCount(mine) + storedCount(theirs) == 1) {
                        racesStoredOnce.incrementAndGet();
                    }
                    count(mine, notAcknowledged);
                    count(theirs, notAcknowledged);
                } else {
                    count(client.post(body), notAcknowledged);
                    if (n % 20 == 10) {
                        // the same delivery again, as a provider that missed the acknowledgement
                        laterRepeats.incrementAndGet();
                        count(client.post(body), notAcknowledged);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(120, TimeUnit.SECONDS);
        }
        senders.shutdown();
        twins.shutdown();

        DeskState desk = new DeskState(service.port());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> DeskState.settled(desk.messages(source)));
        List<Map<String, Object>> messages = desk.messages(source);
        int duplicates = DeskState.duplicates(messages);
        int casesTwice = DeskState.conversationsWithTwoCases(messages);
        long cases = DeskState.distinctCases(messages);
        await().atMost(Duration.ofSeconds(30)).until(() -> desk.searchTotal(runWord) >= messages.size());
        long searchable = desk.searchTotal(runWord);

        System.out.printf("RELIABILITY redelivery: sent=%d distinct=%d twice=%d concurrent_pairs=%d "
                        + "pairs_stored_once=%d acknowledged=%d stored=%d duplicates=%d cases=%d cases_twice=%d "
                        + "5xx=%d searchable=%d seconds=%d%n",
                client.posts.get(), MESSAGES, concurrentPairs.get() + laterRepeats.get(), concurrentPairs.get(),
                racesStoredOnce.get(), client.acknowledged.get(), messages.size(), duplicates, cases, casesTwice,
                client.serverErrors.get(), searchable, Duration.ofNanos(System.nanoTime() - started).toSeconds());

        assertEquals(MESSAGES / 10, concurrentPairs.get() + laterRepeats.get(), "one delivery in ten sent twice");
        assertEquals(0, notAcknowledged.get(), "every post acknowledged, repeats included");
        assertEquals(concurrentPairs.get(), racesStoredOnce.get(), "of two racing posts, exactly one stored");
        assertEquals(MESSAGES, messages.size(), "each message stored once");
        assertEquals(0, duplicates);
        assertEquals(0, casesTwice, "no conversation with two cases");
        assertEquals(CONVERSATIONS, cases, "one case per conversation");
        assertTrue(messages.stream().allMatch(m -> "processed".equals(DeskState.state(m))), "all processed");
        assertEquals(MESSAGES, searchable, "each message indexed once");
    }

    private static int storedCount(WebhookClient.Answer answer) {
        return new JsonPath(answer.body()).getInt("stored");
    }

    private static void count(WebhookClient.Answer answer, AtomicInteger notAcknowledged) {
        if (!answer.acknowledged()) {
            notAcknowledged.incrementAndGet();
        }
    }
}
