package org.bayan.pipeline;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.classify.Classification;
import org.bayan.classify.ClassifierService;
import org.bayan.common.Database;
import org.bayan.ingest.Message;
import org.bayan.ingest.MessageState;
import org.bayan.routing.CaseService;
import org.bayan.routing.SupportCase;
import org.bayan.rumor.RumorClustering;
import org.bayan.search.IndexedMessage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Processes stored messages. Everything done for a message commits in the same transaction that marks it
 * processed, so a crash before the commit leaves it pending (done again, from scratch) and a crash after
 * it leaves it done: exactly once in effect.
 * <p>
 * Pending rows are claimed with {@code FOR UPDATE SKIP LOCKED}: instances sharing one PostgreSQL split the
 * backlog between them instead of processing a message twice.
 */
@ApplicationScoped
public class MessageProcessor {

    @Inject
    EntityManager em;

    @Inject
    CaseService cases;

    @Inject
    Clock clock;

    @Inject
    ProcessingConfig config;

    @Inject
    ClassifierService classifier;

    @Inject
    RumorClustering rumors;

    @Inject
    Database database;

    /**
     * Claims up to {@code limit} pending messages in arrival order and processes them; returns what the search
     * index should hold of them once this transaction has committed.
     */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<IndexedMessage> processBatch(int limit) {
        List<Long> ids = claim(limit, null);
        lockRumors(ids);
        List<IndexedMessage> done = new ArrayList<>(ids.size());
        for (Long id : ids) {
            done.add(process(em.find(Message.class, id)));
        }
        return withLateClusters(done);
    }

    /**
     * A message that joined nothing when processed may have been taken into a cluster by a later message of the
     * same batch ({@link RumorClustering}'s late joining); what the index gets must say so.
     */
    private List<IndexedMessage> withLateClusters(List<IndexedMessage> done) {
        List<Long> outside = done.stream().filter(m -> m.clusterId() == null).map(IndexedMessage::id).toList();
        if (outside.isEmpty()) {
            return done;
        }
        Map<Long, Long> clusters = rumors.clustersOf(outside);
        if (clusters.isEmpty()) {
            return done;
        }
        return done.stream().map(m -> m.clusterId() == null && clusters.containsKey(m.id())
                ? m.withCluster(clusters.get(m.id())) : m).toList();
    }

    /** Processes one message alone: used to isolate the message that made a batch fail. */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<IndexedMessage> processOne(long id) {
        List<Long> ids = claim(1, id);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        lockRumors(ids);
        return Optional.of(process(em.find(Message.class, id)));
    }

    /** Records a failed attempt; after the configured number of attempts the message is set aside. */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(long id, Throwable error) {
        Message message = em.find(Message.class, id);
        if (message == null || !MessageState.PENDING.id().equals(message.state)) {
            return;
        }
        message.attempts++;
        message.lastError = error.getClass().getSimpleName();
        if (message.attempts >= config.maxAttempts()) {
            message.state = MessageState.FAILED.id();
            Log.errorf("Message %d failed %d times (%s); set aside as failed", id, message.attempts, message.lastError);
        }
    }

    /** Pending ids in arrival order, read without claiming them. */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> pendingIdsInNewTransaction(int limit) {
        return oldestPendingIds(limit);
    }

    /** The first pending ids, without locking: ordered as the (state, id) index is, so H2 reads just its first rows. */
    @SuppressWarnings("unchecked")
    private List<Long> oldestPendingIds(int limit) {
        List<Number> ids = em.createNativeQuery("SELECT id FROM message WHERE state = 'pending' ORDER BY state, id")
                .setMaxResults(limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Locks pending rows other workers have not locked; {@code onlyId} narrows the claim to one message. */
    @SuppressWarnings("unchecked")
    private List<Long> claim(int limit, Long onlyId) {
        if (onlyId == null && !database.isPostgres()) {
            return claimOnH2(limit);
        }
        String sql = "SELECT id FROM message WHERE state = 'pending'"
                + (onlyId == null ? "" : " AND id = " + onlyId)
                + " ORDER BY id LIMIT " + limit + " FOR UPDATE SKIP LOCKED";
        List<Number> rows = em.createNativeQuery(sql).getResultList();
        return rows.stream().map(Number::longValue).toList();
    }

    /**
     * H2 locks every row a {@code FOR UPDATE} query matches before it applies the limit, so the query above costs as
     * much as the whole backlog: about a second per batch with 45,000 messages pending, which slowed processing
     * exactly when it fell behind. Here the first pending ids are read in index order (no lock), then the pending
     * rows of that id range are locked: the same messages, plus any stored in the range meanwhile. H2 serves one
     * instance, so no other worker claims between the two statements.
     */
    @SuppressWarnings("unchecked")
    private List<Long> claimOnH2(int limit) {
        List<Long> first = oldestPendingIds(limit);
        if (first.isEmpty()) {
            return List.of();
        }
        List<Number> rows = em.createNativeQuery("""
                        SELECT id FROM message WHERE state = 'pending' AND id BETWEEN ?1 AND ?2
                        ORDER BY state, id FOR UPDATE""")
                .setParameter(1, first.get(0)).setParameter(2, first.get(first.size() - 1))
                .getResultList();
        return rows.stream().map(Number::longValue).toList();
    }

    /**
     * Takes the clustering lock before any case row: supervisors publishing a clarification take it first too,
     * so the two never wait on each other's rows.
     */
    private void lockRumors(List<Long> ids) {
        if (!ids.isEmpty()) {
            rumors.lockAndSync();
        }
    }

    private IndexedMessage process(Message message) {
        SupportCase supportCase = cases.attach(message);
        Classification result = classifier.classify(message.body);
        message.category = result.category();
        message.confidence = result.confidence();
        message.language = result.language();
        message.variety = result.variety();
        message.needsReview = result.needsReview();
        message.modelVersion = result.modelVersion();
        Optional<RumorClustering.Joined> joined = rumors.consider(message, supportCase, result);
        cases.classified(supportCase, message, result,
                joined.map(RumorClustering.Joined::state).orElse(RumorClustering.STATE_NONE));
        joined.ifPresent(j -> rumors.afterRouting(j, supportCase));
        message.attempts++;
        message.state = MessageState.PROCESSED.id();
        message.processedAt = clock.instant();
        message.lastError = null;
        Log.debugf("Processed message %d into case %d (category %s, confidence %.2f)", message.id, supportCase.id,
                result.category(), result.confidence());
        return new IndexedMessage(message.id, supportCase.id, message.body, message.channel, message.language,
                message.variety, message.category, supportCase.queue, supportCase.status, joined.map(RumorClustering.Joined::clusterId).orElse(null), message.receivedAt,
                message.processedAt);
    }
}
