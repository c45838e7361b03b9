package org.bayan.rumor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.common.Page;
import org.bayan.common.ProblemException;
import org.bayan.common.SqlValues;
import org.bayan.ingest.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rumor desk's read views: clusters by recent growth, one cluster with its messages, time-to-clarify figures. */
@ApplicationScoped
public class RumorQueries {

    /** Most messages a cluster view lists (newest first); the count says how many there are in all. */
    static final int MAX_MESSAGES = 500;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RumorConfig config;

    @Inject
    RumorClustering clustering;

    /**
     * The "clarify before it spreads" clock of a cluster: from its first message to its first published
     * clarification. {@code state} is running, met or breached.
     */
    public record ClarifyClock(Duration target, Instant dueAt, Instant clarifiedAt, long elapsedSeconds, String state) {
    }

    public record ClarificationView(Map<String, String> texts, String link, String writtenBy, Instant writtenAt,
                                    String publishedBy, Instant publishedAt, long delivered) {
    }

    public record ClusterSummary(long id, String title, String status, Long mergedInto, Long representativeMessage,
                                 String representativeText, Instant firstSeen, Instant lastSeen, int messageCount,
                                 long lastHour, long previousHour, boolean autoAnswer, boolean spiking,
                                 Instant lastSpikeAt, boolean hasClarification, ClarifyClock clarifyClock) {
    }

    public record MemberView(long messageId, Long caseId, String text, String language, String variety,
                             String category, Instant receivedAt, Double similarity, String joinedBy) {
    }

    public record SpikeView(long id, long clusterId, Instant raisedAt, int windowCount, double previousRate,
                            int casesRaised) {
    }

    /** The words a supervisor taught for the claim ({@link ClaimWords}), who taught them and when. */
    public record ClaimWordsView(List<String> variants, String taughtBy, Instant taughtAt) {
    }

    public record ClusterDetail(ClusterSummary summary, ClarificationView clarification, List<MemberView> messages,
                                List<SpikeView> spikes, ClaimWordsView claimWords) {
    }

    /** An open cluster that may be the same claim as another, and their average similarity (0–1). */
    public record RelatedCluster(ClusterSummary cluster, double similarity) {
    }

    /** Time-to-clarify over clusters first seen in a period. */
    public record ClarifyFigures(Instant from, Instant to, Duration target, long clusters, long clarified,
                                 long clarifiedInTarget, Double medianMinutes, Double p90Minutes, long openPastTarget) {
    }

    /**
     * Clusters sorted by recent growth: arrivals in the last hour minus the hour before, then the last hour's
     * arrivals, then the latest activity. By default the clusters still in play (open and clarified).
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page<ClusterSummary> list(String status, int page, int size) {
        Page.check(page, size);
        List<String> statuses = status == null ? List.of(RumorCluster.OPEN, RumorCluster.CLARIFIED) : List.of(status);
        if (status != null && !Arrays.asList(RumorCluster.OPEN, RumorCluster.CLARIFIED, RumorCluster.DISMISSED,
                RumorCluster.MERGED).contains(status)) {
            throw ProblemException.badRequest("unknown status '" + status + "'", "status");
        }
        Instant now = clock.instant();
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT g.id, g.last_hour, g.previous_hour FROM (
                            SELECT c.id AS id, c.last_seen AS last_seen,
                                   COALESCE(SUM(CASE WHEN m.received_at > ?2 THEN 1 ELSE 0 END), 0) AS last_hour,
                                   COALESCE(SUM(CASE WHEN m.received_at > ?3 AND m.received_at <= ?2 THEN 1 ELSE 0 END), 0)
                                       AS previous_hour
                            FROM rumor_cluster c LEFT JOIN rumor_member m ON m.cluster_id = c.id
                            WHERE c.status IN (?1)
                            GROUP BY c.id, c.last_seen) g
                        ORDER BY g.last_hour - g.previous_hour DESC, g.last_hour DESC, g.last_seen DESC, g.id DESC""")
                .setParameter(1, statuses).setParameter(2, now.minus(Duration.ofHours(1)))
                .setParameter(3, now.minus(Duration.ofHours(2)))
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        List<ClusterSummary> items = new ArrayList<>();
        for (Object[] r : rows) {
            RumorCluster cluster = RumorCluster.findById(((Number) r[0]).longValue());
            items.add(summary(cluster, ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), now));
        }
        long total = RumorCluster.count("status in ?1", statuses);
        return new Page<>(items, page, size, total);
    }

    @Transactional
    public Optional<ClusterDetail> detail(long id) {
        RumorCluster cluster = RumorCluster.findById(id);
        if (cluster == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT m.message_id, m.case_id, t.body, t.language, t.variety, t.category, m.received_at,
                               m.similarity, m.joined_by
                        FROM rumor_member m JOIN message t ON t.id = m.message_id
                        WHERE m.cluster_id = ?1 ORDER BY m.received_at DESC, m.message_id DESC""")
                .setParameter(1, id).setMaxResults(MAX_MESSAGES).getResultList();
        List<MemberView> messages = rows.stream().map(r -> new MemberView(((Number) r[0]).longValue(),
                r[1] == null ? null : ((Number) r[1]).longValue(), (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], SqlValues.instant(r[6]), r[7] == null ? null : ((Number) r[7]).doubleValue(),
                (String) r[8])).toList();
        List<SpikeView> spikes = RumorSpike.<RumorSpike>list("clusterId = ?1 order by raisedAt desc", id).stream()
                .map(RumorQueries::spikeView).toList();
        ClaimWordsView words = cluster.claimWords == null ? null
                : new ClaimWordsView(ClaimWords.variants(cluster.claimWords), cluster.claimWordsBy, cluster.claimWordsAt);
        return Optional.of(new ClusterDetail(summary(cluster, now), clarification(id), messages, spikes, words));
    }

    /**
     * The open clusters that may be the same claim as cluster {@code id} (see {@link RumorClustering#related}),
     * best first; empty when the cluster is not in play. Not found when there is no such cluster.
     */
    @Transactional
    public Optional<List<RelatedCluster>> related(long id) {
        if (RumorCluster.findById(id) == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<RelatedCluster> related = new ArrayList<>();
        for (ClaimClusterer.Match match : clustering.related(id)) {
            RumorCluster other = RumorCluster.findById(match.clusterId());
            if (other != null && other.attracts()) {
                related.add(new RelatedCluster(summary(other, now), Math.round(match.similarity() * 1000) / 1000.0));
            }
        }
        return Optional.of(related);
    }

    /** Spikes raised since the given instant, newest first: what the console announces. */
    @Transactional
    public List<SpikeView> spikesSince(Instant since) {
        return RumorSpike.<RumorSpike>list("raisedAt >= ?1 order by raisedAt desc", since).stream()
                .map(RumorQueries::spikeView).toList();
    }

    /** The cluster a case's messages joined most recently, if any (the case view shows it). */
    @Transactional
    public Optional<ClusterSummary> clusterOfCase(long caseId) {
        Optional<RumorMember> member = RumorMember.<RumorMember>find("caseId = ?1 order by receivedAt desc", caseId)
                .firstResultOptional();
        if (member.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(summary(RumorCluster.findById(member.get().clusterId), clock.instant()));
    }

    /** The published clarification of the cluster, when there is one. */
    @Transactional
    public Optional<Clarification> publishedClarification(long clusterId) {
        return Clarification.<Clarification>findByIdOptional(clusterId).filter(c -> c.publishedAt != null);
    }

    /**
     * Time-to-clarify of the clusters first seen in [from, to): how many were clarified, how many within the
     * target, the median and 90th percentile minutes, and how many are still open past the target now.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public ClarifyFigures clarifyFigures(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("'from' must be before 'to'", "from");
        }
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT first_seen, clarified_at, status FROM rumor_cluster
                        WHERE first_seen >= ?1 AND first_seen < ?2 AND status <> 'merged'""")
                .setParameter(1, from).setParameter(2, to).getResultList();
        Duration target = config.clarificationTarget();
        Instant now = clock.instant();
        List<Double> minutes = new ArrayList<>();
        long inTarget = 0;
        long openPast = 0;
        for (Object[] r : rows) {
            Instant first = SqlValues.instant(r[0]);
            Instant clarified = SqlValues.instant(r[1]);
            if (clarified != null) {
                Duration taken = Duration.between(first, clarified);
                minutes.add(taken.toMillis() / 60_000.0);
                if (taken.compareTo(target) <= 0) {
                    inTarget++;
                }
            } else if (RumorCluster.OPEN.equals(r[2]) && now.isAfter(first.plus(target))) {
                openPast++;
            }
        }
        minutes.sort(Double::compare);
        return new ClarifyFigures(from, to, target, rows.size(), minutes.size(), inTarget, percentile(minutes, 0.5),
                percentile(minutes, 0.9), openPast);
    }

    /** Linear interpolation between closest ranks, as PostgreSQL's percentile_cont. */
    static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double rank = p * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted.get(low) + (rank - low) * (sorted.get(high) - sorted.get(low));
    }

    /** The summary of one cluster, its hourly arrivals counted now. */
    private ClusterSummary summary(RumorCluster c, Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        return summary(c, RumorMember.arrivals(c.id, hourAgo, now),
                RumorMember.arrivals(c.id, hourAgo.minus(Duration.ofHours(1)), hourAgo), now);
    }

    private ClusterSummary summary(RumorCluster c, long lastHour, long previousHour, Instant now) {
        String text = c.representativeMessage == null ? null
                : Message.<Message>findByIdOptional(c.representativeMessage).map(m -> m.body).orElse(null);
        boolean spiking = c.spikingAt(now, config.spike().window());
        boolean hasClarification = Clarification.findByIdOptional(c.id).isPresent();
        return new ClusterSummary(c.id, c.title, c.status, c.mergedInto, c.representativeMessage, text, c.firstSeen,
                c.lastSeen, c.messageCount, lastHour, previousHour, c.autoAnswer, spiking, c.lastSpikeAt,
                hasClarification, clarifyClock(c, now));
    }

    private ClarifyClock clarifyClock(RumorCluster c, Instant now) {
        Duration target = config.clarificationTarget();
        Instant due = c.firstSeen.plus(target);
        Instant end = c.clarifiedAt != null ? c.clarifiedAt : now;
        String state = c.clarifiedAt != null ? (c.clarifiedAt.isAfter(due) ? "breached" : "met")
                : (now.isAfter(due) ? "breached" : "running");
        return new ClarifyClock(target, due, c.clarifiedAt, Math.max(0, Duration.between(c.firstSeen, end).toSeconds()),
                state);
    }

    private ClarificationView clarification(long clusterId) {
        Clarification c = Clarification.findById(clusterId);
        if (c == null) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("ar", c.textAr);
        if (c.textEn != null) {
            texts.put("en", c.textEn);
        }
        if (c.textFr != null) {
            texts.put("fr", c.textFr);
        }
        long delivered = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM rumor_delivery WHERE cluster_id = ?1")
                .setParameter(1, clusterId).getSingleResult()).longValue();
        return new ClarificationView(texts, c.link, c.writtenBy, c.writtenAt, c.publishedBy, c.publishedAt, delivered);
    }

    private static SpikeView spikeView(RumorSpike s) {
        return new SpikeView(s.id, s.clusterId, s.raisedAt, s.windowCount, s.baselineRate, s.casesRaised);
    }
}
