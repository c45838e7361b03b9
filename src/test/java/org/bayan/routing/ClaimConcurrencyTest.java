package org.bayan.routing;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.security.UserService;
import org.bayan.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Twenty responders draining one queue of 500 cases at once: every case claimed, none twice. */
@QuarkusTest
class ClaimConcurrencyTest {

    static final int CASES = 500;
    static final int CLAIMERS = 20;

    @Inject
    EntityManager em;

    @Inject
    UserService users;

    @BeforeEach
    void users() {
        TestUsers.ensure(users);
    }

    @Transactional
    void seedSupervisorsQueue() {
        // Cases straight into the database: the test is about claiming, not about intake.
        em.createNativeQuery("UPDATE support_case SET status = 'resolved' WHERE queue = 'supervisors'").executeUpdate();
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO conversation (channel, external_key, created_at) VALUES ('generic', ?1, ?2)")
                .setParameter(1, "claim-test-" + now.toEpochMilli()).setParameter(2, now).executeUpdate();
        long conversation = ((Number) em.createNativeQuery("SELECT MAX(id) FROM conversation").getSingleResult()).longValue();
        for (int i = 0; i < CASES; i++) {
            em.createNativeQuery("""
                            INSERT INTO support_case (conversation_id, channel, kind, status, opened_at, last_message_at,
                                                      message_count, category, queue, priority)
                            VALUES (?1, 'generic', 'private', 'new', ?2, ?2, 1, 'other', 'supervisors', ?3)""")
                    .setParameter(1, conversation).setParameter(2, now.minusSeconds(i))
                    .setParameter(3, "P" + (1 + i % 4)).executeUpdate();
        }
    }

    @Test
    void shouldGiveConcurrentClaimersDifferentCasesUntilTheQueueIsEmpty() throws Exception {
        seedSupervisorsQueue();
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < CLAIMERS; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int mine = 0;
                while (true) {
                    var response = TestUsers.asSupervisor().post("/api/v1/queues/supervisors/claim");
                    if (response.statusCode() == 204) {
                        return mine;
                    }
                    assertEquals(200, response.statusCode(), response.asString());
                    claimed.add(response.jsonPath().getLong("id"));
                    mine++;
                }
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        pool.shutdown();
        Set<Long> distinct = new HashSet<>(claimed);
        assertEquals(CASES, total, "every case claimed");
        assertEquals(CASES, distinct.size(), "no case claimed twice");
        assertEquals(0L, ((Number) countUnassigned()).longValue());
    }

    @Transactional
    Object countUnassigned() {
        return em.createNativeQuery("SELECT COUNT(*) FROM support_case WHERE queue = 'supervisors' AND status = 'new'")
                .getSingleResult();
    }
}
