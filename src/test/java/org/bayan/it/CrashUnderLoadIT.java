package org.bayan.it;

import org.bayan.bench.SyntheticCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL in the middle of sustained signed load, then what Meta does: resend every delivery it did not see
 * acknowledged (refused, reset, timed out, non-2xx). Every acknowledged message must then be stored once,
 * classified, routed and searchable, with one case per conversation.
 */
@ExtendWith(SharedService.class)
class CrashUnderLoadIT {

    /** 800 by default to keep a CI pass short; -Dbayan.it.crash.messages=5000 for a longer run. */
    private static final int MESSAGES = Integer.getInteger("bayan.it.crash.messages", 800);
    private static final int CONVERSATIONS = MESSAGES / 8;
    private static final int SENDERS = 8;

    @Test
    void shouldStoreEveryAcknowledgedMessageOnceWhenKilledUnderLoad(ServiceProcess service) throws Exception {
        long started = System.nanoTime();
        // A word no corpus text contains, in every message: the search total must equal the stored count.
        String runWord = Words.unique("crashrun");
        String source = "crash-it";
        List<byte[]> deliveries = new ArrayList<>();
        List<SyntheticCorpus.Text> texts = SyntheticCorpus.fromTrainingCorpus(Path.of("."), 11).take(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            deliveries.add(WebhookClient.delivery(source, "m" + i, "crash-conv" + (i % CONVERSATIONS),
                    texts.get(i).text() + " " + runWord));
        }

        WebhookClient client = new WebhookClient(service.port());
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int t = 0; t < SENDERS; t++) {
            senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                    if (client.post(deliveries.get(i)).acknowledged()) {
                        acknowledged.add(i);
                    }
                }
            });
        }
        // Kill once about a third is acknowledged: the other senders have requests in flight at that moment.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                .until(() -> acknowledged.size() >= MESSAGES / 3);
        service.kill();
        int acknowledgedBeforeKill = acknowledged.size();
        senders.shutdown();
        assertTrue(senders.awaitTermination(120, TimeUnit.SECONDS), "senders finished");
        int firstPassPosts = client.posts.get();

        service.start(Map.of());
        client.port(service.port());
        int resent = 0;
        for (int round = 0; round < 5 && acknowledged.size() < MESSAGES; round++) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                if (!acknowledged.contains(i)) {
                    missing.add(i);
                }
            }
            resent += missing.size();
            ExecutorService resenders = Executors.newFixedThreadPool(SENDERS);
            for (int i : missing) {
                resenders.submit(() -> {
                    if (client.post(deliveries.get(i)).acknowledged()) {
                        acknowledged.add(i);
                    }
                });
            }
            resenders.shutdown();
            assertTrue(resenders.awaitTermination(120, TimeUnit.SECONDS), "resend finished");
        }
        assertEquals(MESSAGES, acknowledged.size(), "every delivery acknowledged after the resends");

        DeskState desk = new DeskState(service.port());
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                .until(() -> DeskState.settled(desk.messages(source)));
        List<Map<String, Object>> messages = desk.messages(source);
        Set<Object> storedIds = new HashSet<>();
        messages.forEach(m -> storedIds.add(m.get("externalId")));
        int duplicates = DeskState.duplicates(messages);
        int casesTwice = DeskState.conversationsWithTwoCases(messages);
        long notProcessed = messages.stream().filter(m -> !"processed".equals(DeskState.state(m))).count();
        long unclassified = messages.stream().filter(m -> !DeskState.classified(m)).count();
        long unrouted = messages.stream().filter(m -> DeskState.caseId(m) == null).count();
        // the index is written after the database commit: give it a moment to catch up
        await().atMost(Duration.ofSeconds(30)).until(() -> desk.searchTotal(runWord) >= messages.size());
        long searchable = desk.searchTotal(runWord);
        long cases = DeskState.distinctCases(messages);

        System.out.printf("RELIABILITY crash: sent=%d acknowledged=%d acknowledged_before_kill=%d stored=%d "
                        + "duplicates=%d cases_twice=%d 5xx=%d no_answer=%d resent=%d processed=%d searchable=%d "
                        + "cases=%d conversations=%d seconds=%d%n",
                firstPassPosts, acknowledged.size(), acknowledgedBeforeKill, messages.size(), duplicates, casesTwice,
                client.serverErrors.get(), client.noAnswer.get(), resent, messages.size() - notProcessed, searchable,
                cases, DeskState.conversations(messages), Duration.ofNanos(System.nanoTime() - started).toSeconds());

        for (int i = 0; i < MESSAGES; i++) {
            assertTrue(storedIds.contains(source + "/m" + i), "acknowledged delivery m" + i + " is stored");
        }
        assertEquals(MESSAGES, messages.size(), "stored exactly the deliveries sent");
        assertEquals(0, duplicates, "no message stored twice");
        assertEquals(0, notProcessed, "every message processed");
        assertEquals(0, unclassified, "every message classified");
        assertEquals(0, unrouted, "every message routed to a case");
        assertEquals(0, casesTwice, "no conversation with two cases");
        assertEquals(CONVERSATIONS, cases, "one case per conversation, none shared");
        assertEquals(MESSAGES, searchable, "every message searchable once");
        assertEquals(0, client.status500.get(), "no 500 answers");
    }
}
