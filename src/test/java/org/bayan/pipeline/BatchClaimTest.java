package org.bayan.pipeline;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bayan.search.IndexedMessage;
import org.bayan.search.SearchIndex;
import org.bayan.security.UserService;
import org.bayan.support.Inbox;
import org.bayan.support.Rumors;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one processing batch claims, on either database: the oldest pending messages, as many as the batch takes, and
 * nothing else (on H2 the claim reads the first pending ids and locks just those; on PostgreSQL one locking query).
 */
@QuarkusTest
class BatchClaimTest {

    @Inject
    UserService users;

    @Inject
    ProcessingWorker worker;

    @Inject
    MessageProcessor processor;

    @Inject
    SearchIndex index;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Test
    void aBatchProcessesTheOldestPendingMessagesUpToItsSizeAndLeavesTheRestPending() {
        // the model is loaded once a message has been processed; then the worker stops and messages wait
        Inbox.processed(Rumors.store("first, to have the model loaded"));
        worker.stop();
        try {
            List<Long> stored = new ArrayList<>();
            for (String text : List.of("ضاعت مني البطاقة في المترو", "wach kayn chi 7el l permis li t9ad?",
                    "My car was towed from Tahrir street", "On m'a volé mon portefeuille à Rabat", "عايز اجدد الباسبور")) {
                stored.add(Rumors.store(text));
            }
            List<Long> pending = processor.pendingIdsInNewTransaction(1000);
            assertTrue(pending.containsAll(stored), "the premise: nothing processed them");
            assertEquals(pending.stream().sorted().toList(), pending, "listed oldest first");

            List<IndexedMessage> done = processor.processBatch(3);
            index.index(done);
            assertEquals(pending.subList(0, 3), done.stream().map(IndexedMessage::id).toList());
            for (IndexedMessage message : done) {
                assertEquals("processed", Inbox.message(message.id()).getString("processing.state"));
            }
            assertEquals(pending.subList(3, pending.size()), processor.pendingIdsInNewTransaction(1000),
                    "the rest still pending, in order");
        } finally {
            worker.start();
        }
        Inbox.processed(Rumors.store("and the worker goes on"));
    }
}
