package org.bayan.rumor;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.bayan.classify.Classification;
import org.bayan.classify.ClassifierConfig;
import org.bayan.classify.Corpus;
import org.bayan.classify.LabelledText;
import org.bayan.common.SqlValues;
import org.bayan.ingest.Message;
import org.bayan.ingest.MessageState;
import org.bayan.routing.CaseService;
import org.bayan.routing.SupportCase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts messages into rumor clusters as the processing worker classifies them, and keeps the in-memory
 * {@link ClaimClusterer} in step with the {@code rumor_*} tables (the source of truth).
 * <p>
 * Every change to membership first locks the single {@code rumor_state} row, so clustering is serialized
 * across threads and instances; the row's version, bumped with each change, tells an instance whose memory
 * is behind (another instance changed something, or its own transaction rolled back after changing memory)
 * to reload the open clusters from the database before it compares anything.
 */
@ApplicationScoped
public class RumorClustering {

    /** Cluster states a routing rule can test (see {@code clusterState} in config/routing.yaml). */
    public static final String STATE_NONE = "none";
    public static final String STATE_SPIKING = "spiking";

    private static final int TITLE_LENGTH = 120;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RumorConfig config;

    @Inject
    ClassifierConfig classifierConfig;

    @Inject
    CaseService cases;

    @Inject
    MeterRegistry registry;

    @Inject
    Clarifications clarifications;

    @Inject
    SpikeDetector spikes;

    @Inject
    Event<MessagesReclustered> reclustered;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private volatile ClaimVectors vectors;
    /**
     * {@link #vectors} with the words taught for the clusters in memory ({@link ClaimWords}), rebuilt by
     * {@link #reload} whenever they changed; every claim the clusterer holds was extracted with these.
     */
    private volatile ClaimVectors taughtVectors;
    private Map<String, String> taughtWords = Map.of();
    private volatile RumorGate gate;
    /** Whether the messages waiting for a cluster were read back from the database since start ({@link #loadHeld}). */
    private boolean heldLoaded;
    private final ClaimClusterer clusterer = new ClaimClusterer();
    /** Version of {@code rumor_state} the clusterer reflects; -1 forces a reload. */
    private long loadedVersion = -1;

    /**
     * Where a message went: its cluster, whether it opened it, the state a routing rule sees, and whether it came
     * in as a rumor ({@link RumorGate}: classified rumor or a rumor candidate) rather than by similarity alone.
     */
    public record Joined(long clusterId, boolean newCluster, double similarity, String state, boolean asRumor) {
    }

    /** Reads the gate's settings before the processing worker starts, so a bad value stops start-up with its reason. */
    void onStart(@Observes @Priority(15) StartupEvent event) {
        gate = RumorGate.of(config);
        if (config.lateJoinWindow().isNegative() || config.lateJoinMax() < 0) {
            throw new IllegalArgumentException("bayan.rumor.late-join-window and late-join-max must not be negative, got "
                    + config.lateJoinWindow() + " and " + config.lateJoinMax());
        }
        if (!(config.relatedMinimum() > 0 && config.relatedMinimum() <= 1) || config.relatedLimit() < 0) {
            throw new IllegalArgumentException("bayan.rumor.related-minimum must be above 0 and at most 1, and "
                    + "related-limit 0 or more, got " + config.relatedMinimum() + " and " + config.relatedLimit());
        }
        registry.gauge("bayan.rumor.late.held", clusterer, ClaimClusterer::waitingCount);
    }

    /**
     * Clusters a just-classified message as {@link RumorGate} says: a rumor, or a message the model gives enough
     * rumor probability, joins the most similar open cluster or opens one; any other message joins only a clearly
     * same claim. "They are kidnapping children in Nasr City!" classified urgent still counts towards the claim's
     * cluster and its spike (its case stays urgent, and is never sent the clarification automatically). Runs
     * inside the processing transaction, which has taken the clustering lock with {@link #lockAndSync()} before
     * any case row; empty when the message joined nothing.
     */
    public Optional<Joined> consider(Message message, SupportCase supportCase, Classification classification) {
        if (message.body == null || message.body.isBlank()) {
            return Optional.empty();
        }
        RumorGate.Entry entry = gate.entry(classification);
        Claim claim;
        ClaimClusterer.Match match;
        synchronized (this) {
            claim = claimVectors().claim(message.body);
            match = clusterer.best(claim, entry.joinAt()).orElse(null);
        }
        if (match == null && !entry.mayOpen()) {
            synchronized (this) {
                clusterer.hold(message.id, claim, clock.instant(), holdLimit());
            }
            return Optional.empty();
        }
        RumorCluster cluster = match == null ? open(title(message.body), message.id, message.receivedAt) : em.find(RumorCluster.class, match.clusterId(),
                LockModeType.PESSIMISTIC_WRITE);
        addMember(cluster, message, supportCase.id, match == null ? 1.0 : match.similarity(), RumorMember.BY_MODEL,
                claim);
        takeInWaiting(cluster, claim);
        cluster = mergeLinked(cluster);
        String state = cluster.status;
        if (spikes.check(cluster, message.receivedAt, supportCase.id) || spikes.spiking(cluster, message.receivedAt)) {
            state = STATE_SPIKING;
        }
        Log.debugf("Message %d joined rumor cluster %d (%s, similarity %.3f)", message.id, cluster.id,
                match == null ? "new" : "existing", match == null ? 1.0 : match.similarity());
        return Optional.of(new Joined(cluster.id, match == null, match == null ? 1.0 : match.similarity(), state,
                entry.mayOpen()));
    }

    /**
     * Merges the cluster a message just joined with each open cluster now as similar to it, on average over their
     * members, as a message must be to join ({@link ClaimClusterer#linked}): one claim that started twice, because
     * its first tellings shared too little. The older cluster takes the newer one in, as a supervisor's merge does.
     * Only clusters the model alone has shaped are merged: one a supervisor has split, moved messages into or
     * answered stays as it is. Returns the cluster the message is in afterwards.
     */
    private RumorCluster mergeLinked(RumorCluster cluster) {
        RumorCluster current = cluster;
        while (true) {
            List<ClaimClusterer.Match> linked;
            synchronized (this) {
                linked = clusterer.linked(current.id, config.threshold());
            }
            // memory first: most messages' clusters are linked to none, and then no query is needed
            if (linked.isEmpty() || !mayMergeAutomatically(current)) {
                break;
            }
            RumorCluster other = null;
            double linkage = 0;
            for (ClaimClusterer.Match match : linked) {
                RumorCluster candidate = em.find(RumorCluster.class, match.clusterId(), LockModeType.PESSIMISTIC_WRITE);
                if (mayMergeAutomatically(candidate)) {
                    other = candidate;
                    linkage = match.similarity();
                    break;
                }
            }
            if (other == null) {
                break;
            }
            RumorCluster target = other.id < current.id ? other : current;
            RumorCluster source = target == other ? current : other;
            merge(target, source);
            registry.counter("bayan.rumor.clusters.merged.automatically").increment();
            Log.infof("Rumor cluster %d merged into %d: one claim (average similarity %.3f)", source.id, target.id,
                    linkage);
            current = target;
        }
        return current;
    }

    /**
     * The open clusters that may be the same claim as this one, best first, with their average similarity to it
     * ({@link ClaimClusterer#related}): the pieces of a claim whose tellings share too little to be merged
     * automatically, for a supervisor to merge. Empty for a cluster that no longer attracts messages (merged,
     * dismissed, idle).
     * <p>
     * A read, so it does not wait for the clustering lock while memory already holds everything committed: the
     * processing worker holds that lock for a whole batch (seconds under load), exactly when supervisors open
     * cluster pages. Memory ahead of the database is a batch in flight on this instance, whose suggestions are as
     * good; memory behind it (another instance's change, a rollback, a reload due) takes the lock and syncs first.
     */
    @Transactional
    public List<ClaimClusterer.Match> related(long clusterId) {
        long committed = version("");
        boolean behind;
        synchronized (this) {
            behind = loadedVersion < 0 || loadedVersion < committed;
        }
        if (behind) {
            lockAndSync();
        }
        synchronized (this) {
            return clusterer.related(clusterId, config.relatedMinimum(), config.relatedLimit());
        }
    }

    /** Open, not answered, and every member placed by the model: a supervisor's decisions are not undone. */
    private boolean mayMergeAutomatically(RumorCluster cluster) {
        return cluster != null && RumorCluster.OPEN.equals(cluster.status)
                && RumorMember.count("clusterId = ?1 and joinedBy <> ?2", cluster.id, RumorMember.BY_MODEL) == 0;
    }

    /** The cluster of each of the given messages that is in one. */
    public Map<Long, Long> clustersOf(List<Long> messageIds) {
        Map<Long, Long> clusters = new HashMap<>();
        for (RumorMember member : RumorMember.<RumorMember>list("messageId in ?1", messageIds)) {
            clusters.put(member.messageId, member.clusterId);
        }
        return clusters;
    }

    /** How many messages may wait for a cluster: none when late joining is turned off. */
    private int holdLimit() {
        return config.lateJoinWindow().isZero() ? 0 : config.lateJoinMax();
    }

    /**
     * Takes into the cluster the held messages (they joined nothing on arrival) that it now reaches at the
     * other-category threshold, as members joined by the model: the first people to ask about a claim often do
     * it in words the model files under another category, before anyone's message opens the claim's cluster.
     * Each is checked against the database first: another instance or a supervisor may have placed it since.
     */
    private void takeInWaiting(RumorCluster cluster, Claim trigger) {
        if (holdLimit() == 0 || !cluster.attracts()) {
            return;
        }
        List<ClaimClusterer.Late> late;
        synchronized (this) {
            late = clusterer.waitingFor(cluster.id, trigger, config.otherCategoryThreshold(),
                    clock.instant().minus(config.lateJoinWindow()));
        }
        List<Long> joined = new ArrayList<>();
        for (ClaimClusterer.Late candidate : late) {
            Message held = em.find(Message.class, candidate.messageId());
            Optional<Claim> claim;
            synchronized (this) {
                claim = clusterer.held(candidate.messageId());
                clusterer.release(candidate.messageId());
            }
            if (held == null || held.caseId == null || claim.isEmpty()
                    || RumorMember.findById(candidate.messageId()) != null) {
                continue;
            }
            addMember(cluster, held, held.caseId, candidate.similarity(), RumorMember.BY_MODEL, claim.get());
            // held messages are never rumors or candidates: suggested, not answered automatically
            clarifications.joined(cluster, em.find(SupportCase.class, held.caseId), false);
            joined.add(held.id);
        }
        if (!joined.isEmpty()) {
            registry.counter("bayan.rumor.late.joins").increment(joined.size());
            Log.debugf("Rumor cluster %d took in %d earlier messages", cluster.id, (Integer) joined.size());
            // they were indexed when processed, without the cluster
            reclustered.fire(new MessagesReclustered(joined));
        }
    }

    /**
     * Called once the case was routed: a case joining a spiking cluster is raised like the cluster's others,
     * and one that came in as a rumor and joined a clarified auto-answer cluster gets the clarification.
     */
    public void afterRouting(Joined joined, SupportCase supportCase) {
        if (STATE_SPIKING.equals(joined.state())) {
            cases.raisePriority(supportCase.id, config.spike().priority(), "rumor cluster " + joined.clusterId() + " spiking");
        }
        clarifications.joined(em.find(RumorCluster.class, joined.clusterId()), supportCase, joined.asRumor());
    }

    /** Takes the clustering lock and brings the in-memory clusterer up to date. Call first in a transaction. */
    public void lockAndSync() {
        // the database lock is taken outside this object's monitor: a thread waiting for it must not block
        // the thread that holds it from touching memory
        long version = version(" FOR UPDATE");
        forgetOnRollback();
        synchronized (this) {
            if (version != loadedVersion) {
                reload();
                loadedVersion = version;
            }
        }
    }

    /** The clustering version in the database: committed, or locked with {@code " FOR UPDATE"}. */
    private long version(String lock) {
        return ((Number) em.createNativeQuery("SELECT version FROM rumor_state WHERE id = 1" + lock).getSingleResult())
                .longValue();
    }

    /**
     * Memory changes before the transaction commits. If it rolls back, memory holds changes the database does not,
     * and its version number alone cannot tell: another instance's next commit brings the database to the same
     * number. So a transaction that took the lock and did not commit makes the next one reload.
     */
    private void forgetOnRollback() {
        if (transactions.getResource(RumorClustering.class) == null) {
            transactions.putResource(RumorClustering.class, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status != Status.STATUS_COMMITTED) {
                        forceReload();
                    }
                }
            });
        }
    }

    /**
     * Marks a membership change: the database version moves, and this instance's memory moves with it. The
     * caller holds the lock taken by {@link #lockAndSync()}, so memory and database were at the same version.
     */
    private synchronized void changed() {
        em.createNativeQuery("UPDATE rumor_state SET version = version + 1 WHERE id = 1").executeUpdate();
        loadedVersion++;
    }

    /**
     * Drops everything this instance keeps in memory, held messages included, as a restart does; the next
     * clustering transaction reads it back from the database. For tests of what survives a restart.
     */
    synchronized void forgetMemory() {
        clusterer.clear();
        clusterer.releaseAll();
        heldLoaded = false;
        loadedVersion = -1;
    }

    /** Clusters stop attracting once idle: a reload drops them. Hourly is fine-grained enough for days. */
    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void forgetIdle() {
        loadedVersion = -1;
    }

    /** A new open cluster whose representative is the given message; flushed, so it has its id. */
    private RumorCluster open(String title, long representative, Instant firstSeen) {
        RumorCluster cluster = new RumorCluster();
        cluster.title = title;
        cluster.representativeMessage = representative;
        cluster.status = RumorCluster.OPEN;
        cluster.firstSeen = firstSeen;
        cluster.lastSeen = firstSeen;
        cluster.createdAt = clock.instant();
        cluster.persist();
        em.flush();
        registry.counter("bayan.rumor.clusters.opened").increment();
        return cluster;
    }

    /** Adds the message to the cluster in the database and in memory. The caller holds the clustering lock. */
    void addMember(RumorCluster cluster, Message message, Long caseId, Double similarity, String by, Claim claim) {
        RumorMember member = new RumorMember();
        member.messageId = message.id;
        member.clusterId = cluster.id;
        member.caseId = caseId;
        member.similarity = similarity;
        member.receivedAt = message.receivedAt;
        member.joinedAt = clock.instant();
        member.joinedBy = by;
        member.persist();
        cluster.messageCount++;
        if (message.receivedAt.isBefore(cluster.firstSeen)) {
            cluster.firstSeen = message.receivedAt;
        }
        if (message.receivedAt.isAfter(cluster.lastSeen)) {
            cluster.lastSeen = message.receivedAt;
        }
        synchronized (this) {
            if (cluster.attracts()) {
                clusterer.addTo(cluster.id, message.id, claim == null ? claimVectors().claim(message.body) : claim);
            }
            changed();
        }
        if (!RumorMember.BY_MODEL.equals(by)) {
            // the processing worker indexes the messages it processes, cluster included
            reclustered.fire(new MessagesReclustered(List.of(message.id)));
        }
    }

    // --- supervisor edits; each runs inside the caller's transaction, after lockAndSync() ---------------

    /** Moves a message (clustered or not) into the cluster. */
    void move(RumorCluster target, Message message, String by) {
        RumorMember member = RumorMember.findById(message.id);
        if (member == null) {
            addMember(target, message, message.caseId, null, by, null);
            return;
        }
        RumorCluster source = em.find(RumorCluster.class, member.clusterId, LockModeType.PESSIMISTIC_WRITE);
        reassign(member, source, target, by, message.body);
        changed();
        reclustered.fire(new MessagesReclustered(List.of(message.id)));
    }

    /** Takes a message out of its cluster. */
    void remove(RumorCluster cluster, RumorMember member) {
        member.delete();
        cluster.messageCount = Math.max(0, cluster.messageCount - 1);
        synchronized (this) {
            clusterer.removeMessage(member.messageId);
        }
        replaceRepresentative(cluster, member.messageId);
        changed();
        reclustered.fire(new MessagesReclustered(List.of(member.messageId)));
    }

    /** Moves every message of {@code source} into {@code target}; the source is left as merged. */
    void merge(RumorCluster target, RumorCluster source) {
        List<RumorMember> members = RumorMember.list("clusterId", source.id);
        for (RumorMember member : members) {
            member.clusterId = target.id;
        }
        // a case that already had the source's clarification keeps that record under the target: it is not
        // sent the target's clarification again (the first one answered the same claim)
        em.createNativeQuery("""
                        UPDATE rumor_delivery SET cluster_id = ?1 WHERE cluster_id = ?2
                        AND case_id NOT IN (SELECT case_id FROM rumor_delivery WHERE cluster_id = ?1)""")
                .setParameter(1, target.id).setParameter(2, source.id).executeUpdate();
        target.messageCount += members.size();
        if (source.firstSeen.isBefore(target.firstSeen)) {
            target.firstSeen = source.firstSeen;
        }
        if (source.lastSeen.isAfter(target.lastSeen)) {
            target.lastSeen = source.lastSeen;
        }
        if (source.claimWords != null) {
            // the words taught for the source now name the target's claim
            target.claimWords = mergedWords(target.claimWords, source.claimWords);
            target.claimWordsBy = target.claimWordsBy == null ? source.claimWordsBy : target.claimWordsBy;
            target.claimWordsAt = target.claimWordsAt == null ? source.claimWordsAt : target.claimWordsAt;
        }
        source.status = RumorCluster.MERGED;
        source.mergedInto = target.id;
        source.messageCount = 0;
        source.representativeMessage = null;
        synchronized (this) {
            clusterer.merge(target.id, source.id);
            if (!target.attracts()) {
                clusterer.removeCluster(target.id);
            }
        }
        changed();
        if (source.claimWords != null) {
            forceReload();
        }
        reclustered.fire(new MessagesReclustered(members.stream().map(m -> m.messageId).toList()));
    }

    /** Both clusters' words; the target's alone when together they exceed what one claim takes. */
    static String mergedWords(String target, String source) {
        if (target == null) {
            return source;
        }
        try {
            return ClaimWords.canonical(target + "|" + source);
        } catch (IllegalArgumentException tooMany) {
            return target;
        }
    }

    /** A new open cluster holding the given members of {@code source}. */
    RumorCluster split(RumorCluster source, List<RumorMember> members, String title, String by) {
        RumorMember first = members.stream().min(java.util.Comparator.comparing((RumorMember m) -> m.receivedAt)).orElseThrow();
        RumorCluster cluster = open(title == null || title.isBlank()
                ? title(Message.<Message>findById(first.messageId).body) : title.strip(), first.messageId, first.receivedAt);
        for (RumorMember member : members) {
            reassign(member, source, cluster, by, Message.<Message>findById(member.messageId).body);
        }
        changed();
        reclustered.fire(new MessagesReclustered(members.stream().map(m -> m.messageId).toList()));
        return cluster;
    }

    private void reassign(RumorMember member, RumorCluster source, RumorCluster target, String by, String text) {
        member.clusterId = target.id;
        member.similarity = null;
        member.joinedBy = by;
        member.joinedAt = clock.instant();
        source.messageCount = Math.max(0, source.messageCount - 1);
        target.messageCount++;
        if (member.receivedAt.isBefore(target.firstSeen)) {
            target.firstSeen = member.receivedAt;
        }
        if (member.receivedAt.isAfter(target.lastSeen)) {
            target.lastSeen = member.receivedAt;
        }
        replaceRepresentative(source, member.messageId);
        synchronized (this) {
            clusterer.removeMessage(member.messageId);
            if (target.attracts()) {
                clusterer.addTo(target.id, member.messageId, claimVectors().claim(text));
            }
        }
    }

    /** When a cluster loses its representative message, its earliest remaining message takes over. */
    private void replaceRepresentative(RumorCluster cluster, long leaving) {
        if (cluster.representativeMessage != null && cluster.representativeMessage == leaving) {
            cluster.representativeMessage = RumorMember.<RumorMember>find(
                            "clusterId = ?1 and messageId <> ?2 order by receivedAt, messageId", cluster.id, leaving)
                    .firstResultOptional().map(m -> m.messageId).orElse(null);
        }
    }

    /** A dismissed cluster stops attracting; reopened, it attracts again. */
    void statusChanged(RumorCluster cluster) {
        synchronized (this) {
            clusterer.removeCluster(cluster.id);
            if (cluster.attracts()) {
                for (Object[] row : memberTexts(cluster.id)) {
                    clusterer.restore(cluster.id, ((Number) row[0]).longValue(), claimVectors().claim((String) row[1]));
                }
            }
        }
        changed();
        if (cluster.claimWords != null) {
            // its words stop (or start again) naming a claim: every claim in memory is extracted anew at the next sync
            forceReload();
        }
    }

    /**
     * Sets the words taught for the cluster's claim (stored form, empty to forget them) and extracts every claim in
     * memory again with them, held messages included; other instances do the same at their next sync. Costs one
     * extraction per member of the clusters in memory (docs/benchmarks.md: about 0.24 ms each).
     */
    void teach(RumorCluster cluster, String words, String by) {
        boolean none = words.isEmpty();
        cluster.claimWords = none ? null : words;
        cluster.claimWordsBy = none ? null : by;
        cluster.claimWordsAt = none ? null : clock.instant();
        em.flush();
        synchronized (this) {
            reload();
        }
        changed();
    }

    /** The next {@link #lockAndSync} reads everything back; for changes that alter the claims themselves. */
    private synchronized void forceReload() {
        loadedVersion = -1;
    }

    /** Reads every attracting, recently active cluster's members back into memory. */
    private void reload() {
        long started = System.nanoTime();
        clusterer.clear();
        Instant since = clock.instant().minus(config.idleAfter());
        loadTaughtWords(since);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT m.message_id, m.cluster_id, t.body FROM rumor_member m
                        JOIN rumor_cluster c ON c.id = m.cluster_id JOIN message t ON t.id = m.message_id
                        WHERE c.status IN ('open', 'clarified') AND c.last_seen >= ?1
                        ORDER BY m.received_at, m.message_id""")
                .setParameter(1, since).getResultList();
        for (Object[] row : rows) {
            clusterer.restore(((Number) row[1]).longValue(), ((Number) row[0]).longValue(), claimVectors().claim((String) row[2]));
        }
        Log.infof("Loaded %d messages of %d open rumor clusters in %d ms", rows.size(), clusterer.clusterIds().size(),
                (System.nanoTime() - started) / 1_000_000);
        if (!heldLoaded) {
            loadHeld();
            heldLoaded = true;
        }
    }

    /**
     * Reads the words taught for the clusters a reload puts in memory. When they differ from those the claims in
     * memory were extracted with, the vectors are rebuilt and the held messages are read back again, so that a
     * message waiting for a cluster is compared with the claim's words too.
     */
    private void loadTaughtWords(Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, claim_words FROM rumor_cluster
                        WHERE claim_words IS NOT NULL AND status IN ('open', 'clarified') AND last_seen >= ?1""")
                .setParameter(1, since).getResultList();
        Map<String, String> words = new TreeMap<>();
        for (Object[] row : rows) {
            words.put(String.valueOf(((Number) row[0]).longValue()), (String) row[1]);
        }
        boolean changed = !words.equals(taughtWords);
        if (changed || taughtVectors == null) {
            taughtVectors = words.isEmpty() ? vectors() : vectors().withTaught(words);
            if (changed && heldLoaded) {
                clusterer.releaseAll();
                heldLoaded = false;
            }
            taughtWords = words;
        }
    }

    /** The vectors every claim in memory is extracted with: the shipped lexicons and the words taught. */
    private ClaimVectors claimVectors() {
        ClaimVectors v = taughtVectors;
        return v != null ? v : vectors();
    }

    /**
     * After a start, holds again the recent messages that joined no cluster, so a restart does not end their wait:
     * among the newest {@code late-join-max} processed messages (read through the state/id index, never the whole
     * table), those processed within the window and in no cluster. Held messages then live in memory; a reload
     * keeps them.
     */
    private void loadHeld() {
        int max = holdLimit();
        if (max == 0) {
            return;
        }
        long started = System.nanoTime();
        Instant since = clock.instant().minus(config.lateJoinWindow());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT t.id, t.body, t.processed_at FROM message t
                        JOIN (SELECT id FROM message WHERE state = ?1 ORDER BY id DESC LIMIT ?2) recent ON recent.id = t.id
                        WHERE t.processed_at >= ?3 AND t.body IS NOT NULL
                        AND NOT EXISTS (SELECT 1 FROM rumor_member m WHERE m.message_id = t.id)
                        ORDER BY t.id""")
                .setParameter(1, MessageState.PROCESSED.id()).setParameter(2, max).setParameter(3, since)
                .getResultList();
        for (Object[] row : rows) {
            String body = (String) row[1];
            if (!body.isBlank()) {
                clusterer.hold(((Number) row[0]).longValue(), claimVectors().claim(body), SqlValues.instant(row[2]), max);
            }
        }
        Log.infof("Holding %d recent messages that joined no rumor cluster (loaded in %d ms)", clusterer.waitingCount(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> memberTexts(long clusterId) {
        return em.createNativeQuery("""
                        SELECT m.message_id, t.body FROM rumor_member m JOIN message t ON t.id = m.message_id
                        WHERE m.cluster_id = ?1 ORDER BY m.received_at, m.message_id""")
                .setParameter(1, clusterId).getResultList();
    }

    /**
     * The claim vectors, built on first use. Rarity is estimated on the training corpus (what many messages
     * share weighs less); without the corpus folder every word counts as rare, which clusters less sharply.
     */
    ClaimVectors vectors() {
        ClaimVectors v = vectors;
        if (v == null) {
            synchronized (this) {
                if (vectors == null) {
                    Path train = classifierConfig.trainingDir().resolve("train");
                    List<String> background = new ArrayList<>();
                    if (Files.isDirectory(train)) {
                        Corpus.read(train).stream().map(LabelledText::text).forEach(background::add);
                    } else {
                        Log.warnf("Rumor clustering: no training corpus at %s; word rarity is not estimated", train);
                    }
                    vectors = new ClaimVectors(background);
                }
                v = vectors;
            }
        }
        return v;
    }

    /** The first words of the message, on one line: a default title a supervisor can edit. */
    static String title(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= TITLE_LENGTH) {
            return oneLine;
        }
        int cut = oneLine.lastIndexOf(' ', TITLE_LENGTH - 1);
        return oneLine.substring(0, cut > TITLE_LENGTH / 2 ? cut : TITLE_LENGTH - 1) + "…";
    }
}
