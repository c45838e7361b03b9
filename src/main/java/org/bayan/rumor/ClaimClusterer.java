package org.bayan.rumor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Online clustering of rumor messages into claims, for the rumor desk: a message arriving is compared with the
 * members of the open clusters ({@link ClaimSimilarity}) and joins the cluster that scores highest if that score
 * reaches the threshold; otherwise it opens a new cluster. A cluster's score is the mean similarity to its
 * members, over its {@value #LINKAGE} most similar ones when it has more (average linkage): a telling must agree
 * with the cluster as a whole, not with one member that happens to share a word with it, and a large cluster
 * still attracts a new variety through the members closest to it. After a message joins, its cluster is
 * compared with the other open clusters ({@link #linked}): two clusters whose members are on average as similar
 * as a message must be to join are one claim that started twice (the first tellings in Darija and in French
 * shared too little), and the desk merges them.
 * <p>
 * Only members sharing an index key (an event, object, attribute or number) with the message are scored: the
 * others score 0 anyway, and it keeps a message's cost proportional to the members it could join rather than to
 * all open members. The same similarities, summed per pair of clusters, keep the clusters' linkage current.
 * <p>
 * Deterministic: ties go to the older cluster. Thread-safe: every public method is synchronized, so one
 * instance can be shared by the request threads of the service.
 */
public final class ClaimClusterer {

    /**
     * The threshold the product ships with, for joining and for merging. Chosen with {@code rumor-eval} over the
     * nine tuning files at commit a0ccd1e (mean desk F1 over arrival orders 1–5, averaged over the files;
     * {@code --threshold T}) with average linkage: 0.15: 0.796, 0.16: 0.794, 0.18: 0.796, 0.20: 0.794, 0.22: 0.791 — flat, and 0.18 is
     * where the penalties of {@link ClaimSimilarity} were rescaled to. The mean over the 2 most similar members
     * at 0.25, shipped before, scored 0.775 there.
     */
    public static final double DEFAULT_THRESHOLD = 0.18;

    /**
     * At most how many of a cluster's most similar members its score averages. On the labelled files, where a
     * claim has 4–8 tellings, 10 is plain average linkage, which scored higher there than the mean over the 2
     * (shipped before), 3 or 5 closest; the cap is for the claims that gather hundreds of messages, most in one
     * variety, where the mean over all of them would stop the first French or Darija telling joining.
     */
    static final int LINKAGE = 10;

    /**
     * Up to how many members a cluster read back from storage has its links counted again when a message joins
     * it; a larger one (a claim already asked thousands of times) is merged only from the other cluster's side, and
     * its list of clusters possibly the same claim is estimated from this many of its newest members
     * ({@link #related}). Counting costs the cluster's size times the members of other clusters each one shares a
     * key with.
     */
    static final int RECOUNT_MAX = 200;

    /** Lowest linkage {@link #related} lists by default: chosen with {@code rumor-eval} (models/rumors/README.md). */
    public static final double RELATED_MINIMUM = 0.04;

    /** At most how many clusters {@link #related} lists by default. */
    public static final int RELATED_LIMIT = 5;

    /** How many held messages sharing a key with a cluster's new member are looked at, newest first. */
    static final int LATE_CANDIDATES = 50;

    /** The cluster a message joined, how similar it was to it, and whether the message opened it. */
    public record Assignment(long messageId, long clusterId, double similarity, boolean newCluster) {
    }

    /** A candidate cluster for a message and its score. */
    public record Match(long clusterId, double similarity) {
    }

    private record Member(long clusterId, Claim claim, Set<String> keys) {
    }

    /** A message that joined no cluster, held since {@code since} in case one it belongs to forms later. */
    private record Waiting(Claim claim, Set<String> keys, Instant since) {
    }

    /** A held message that now reaches a cluster: see {@link #waitingFor}. */
    public record Late(long messageId, double similarity) {
    }

    private final double threshold;
    private final Map<Long, Member> members = new HashMap<>();
    private final Map<Long, NavigableSet<Long>> clusters = new TreeMap<>();
    private final Map<String, Set<Long>> index = new HashMap<>();
    /** Per cluster, how many members name each place: what the cluster as a whole is about. */
    private final Map<Long, Map<String, Integer>> clusterPlaces = new HashMap<>();
    /** Per pair of open clusters (both ways), the sum of the similarities between their members. */
    private final Map<Long, Map<Long, Double>> links = new HashMap<>();
    /**
     * Clusters holding members put back by {@link #restore}: their links lack the pairs of two restored members,
     * and are counted again when they are first needed ({@link #linked}).
     */
    private final Set<Long> partialLinks = new HashSet<>();
    /** Bumped by every change of membership: tells whether {@link #lastScored} is still current. */
    private long changes;
    /** The similarities {@link #best} computed last, for the {@link #addTo} that usually follows it. */
    private Claim lastClaim;
    private Map<Long, List<Double>> lastScored;
    private long lastScoredAt = -1;
    private long nextClusterId = 1;
    /** Held messages, oldest first, and an index of their keys ({@link #hold}); survive {@link #clear()}. */
    private final LinkedHashMap<Long, Waiting> waiting = new LinkedHashMap<>();
    private final Map<String, NavigableSet<Long>> waitingIndex = new HashMap<>();

    public ClaimClusterer() {
        this(DEFAULT_THRESHOLD);
    }

    public ClaimClusterer(double threshold) {
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    /** The best open cluster for the claim if it reaches the threshold, without adding anything. */
    public synchronized Optional<Match> best(Claim claim) {
        return best(claim, threshold);
    }

    /** The best open cluster for the claim if it reaches {@code minimum} (e.g. to suggest merges below it). */
    public synchronized Optional<Match> best(Claim claim, double minimum) {
        Map<Long, List<Double>> scored = scored(claim);
        lastClaim = claim;
        lastScored = scored;
        lastScoredAt = changes;
        return best(claim, scored, minimum);
    }

    private Optional<Match> best(Claim claim, Map<Long, List<Double>> byCluster, double minimum) {
        Match best = null;
        for (Map.Entry<Long, List<Double>> e : byCluster.entrySet()) {
            double score = clusterScore(claim, e.getKey(), e.getValue());
            if (score >= minimum && (best == null || score > best.similarity())) {
                best = new Match(e.getKey(), score);
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A claim's score against one open cluster, given its similarities to the cluster's members that share a key
     * with it: their mean ({@link #score}) times how far the places named agree. Members that name no place
     * would otherwise let a Maadi telling into a cluster of Shubra and placeless tellings of one kind of event.
     */
    private double clusterScore(Claim claim, long clusterId, List<Double> similarities) {
        double places = ClaimSimilarity.placeConflict(claim.signature().places(), places(clusterId));
        return places * score(similarities, clusters.get(clusterId).size());
    }

    /**
     * Counts a cluster's links again from its members, both ways: after {@link #restore} they lack the pairs of
     * two restored members. Every other cluster's link with it is then exact too.
     */
    private void recountLinks(long clusterId) {
        unlink(clusterId);
        for (long messageId : clusters.get(clusterId)) {
            link(clusterId, scoredOutside(members.get(messageId).claim(), clusterId), 1);
        }
        partialLinks.remove(clusterId);
    }

    /**
     * The links of a cluster too large to count again ({@link #RECOUNT_MAX}), estimated from its newest
     * {@link #RECOUNT_MAX} members: their summed similarities to each other cluster, scaled to the whole cluster.
     * Stored nowhere: the estimate is for a supervisor's list ({@link #related}), never for an automatic merge.
     * The newest members are sampled because they carry the wording the claim is told in now.
     */
    private Map<Long, Double> estimatedLinks(long clusterId) {
        NavigableSet<Long> cluster = clusters.get(clusterId);
        Map<Long, Double> sums = new HashMap<>();
        int sampled = 0;
        for (Iterator<Long> newest = cluster.descendingIterator(); newest.hasNext() && sampled < RECOUNT_MAX; sampled++) {
            scoredOutside(members.get(newest.next()).claim(), clusterId).forEach((other, similarities) ->
                    sums.merge(other, similarities.stream().mapToDouble(Double::doubleValue).sum(), Double::sum));
        }
        double scale = (double) cluster.size() / sampled;
        sums.replaceAll((other, sum) -> sum * scale);
        return sums;
    }

    /** Key of {@link #clusterPlaces} counting the members that name a place below country level. */
    private static final String NAMES_A_PLACE = "*";

    /** The places named and every place containing one (Nasr City, Cairo, Egypt), plus {@link #NAMES_A_PLACE}. */
    private static Set<String> reach(Set<String> places) {
        Set<String> reach = new TreeSet<>();
        for (String place : places) {
            for (int slash = place.indexOf('/'); slash > 0; slash = place.indexOf('/', slash + 1)) {
                reach.add(place.substring(0, slash));
                reach.add(NAMES_A_PLACE);
            }
            reach.add(place);
        }
        return reach;
    }

    /**
     * Where the cluster's claim happens: the most specific places that at least half of its members naming a
     * place below country level name (or name a place inside). A cluster whose tellings name Sidi Bishr, Miami
     * and only "Alexandria" is about Alexandria; one of a Shubra telling and tellings naming no place is about
     * Shubra. The countries named when no member names anything below.
     */
    private Set<String> places(long clusterId) {
        Map<String, Integer> counts = clusterPlaces.getOrDefault(clusterId, Map.of());
        int naming = counts.getOrDefault(NAMES_A_PLACE, 0);
        Set<String> held = new TreeSet<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getKey().equals(NAMES_A_PLACE)) {
                continue;
            }
            boolean country = e.getKey().indexOf('/') < 0;
            if (naming == 0 ? country : !country && 2 * e.getValue() >= naming) {
                held.add(e.getKey());
            }
        }
        if (held.isEmpty()) {
            // members name different cities and none of them is half: what they share is the country
            for (String place : counts.keySet()) {
                if (place.indexOf('/') < 0 && !place.equals(NAMES_A_PLACE)) {
                    held.add(place);
                }
            }
        }
        return ClaimSignatures.mostSpecific(held);
    }

    /** The claim's non-zero similarities to the open members sharing an index key with it, by cluster. */
    private Map<Long, List<Double>> scored(Claim claim) {
        return scoredOutside(claim, null);
    }

    /**
     * As {@link #scored}, leaving out the members of {@code cluster} (null: none): a member's similarities to its
     * own cluster are no link, and for a large cluster they are most of the cost.
     */
    private Map<Long, List<Double>> scoredOutside(Claim claim, Long cluster) {
        Map<Long, List<Double>> byCluster = new TreeMap<>();
        for (long messageId : candidates(claim)) {
            Member member = members.get(messageId);
            if (cluster != null && member.clusterId() == cluster) {
                continue;
            }
            double similarity = ClaimSimilarity.between(claim, member.claim());
            if (similarity > 0) {
                byCluster.computeIfAbsent(member.clusterId(), id -> new ArrayList<>()).add(similarity);
            }
        }
        return byCluster;
    }

    /**
     * Places a new message: into the best open cluster reaching the threshold, or into a new cluster.
     *
     * @throws IllegalArgumentException if the message id is already clustered
     */
    public synchronized Assignment add(long messageId, Claim claim) {
        Map<Long, List<Double>> scored = scored(claim);
        Optional<Match> match = best(claim, scored, threshold);
        if (match.isPresent()) {
            put(match.get().clusterId(), messageId, claim, scored);
            return new Assignment(messageId, match.get().clusterId(), match.get().similarity(), false);
        }
        long clusterId = nextClusterId;
        put(clusterId, messageId, claim, scored);
        return new Assignment(messageId, clusterId, 1, true);
    }

    /**
     * Puts a message into a given cluster regardless of similarity: the caller chose it with {@link #best}, or a
     * supervisor moved it there. Creates the cluster if it is not open.
     */
    public synchronized void addTo(long clusterId, long messageId, Claim claim) {
        // the desk asks best() and then adds: the similarities it computed are still those of every member
        boolean current = claim == lastClaim && lastScoredAt == changes;
        put(clusterId, messageId, claim, current ? lastScored : scored(claim));
    }

    /**
     * Puts back a message clustered before (clusters read from storage, a reopened cluster) without comparing it
     * with the others: reading back tens of thousands of members would otherwise cost as much as clustering
     * them again. Their links are counted when first needed ({@link #linked}).
     */
    public synchronized void restore(long clusterId, long messageId, Claim claim) {
        put(clusterId, messageId, claim, Map.of());
        partialLinks.add(clusterId);
    }

    /** Adds the member; {@code scored} are its similarities to the open members ({@link #scored}), for the links. */
    private void put(long clusterId, long messageId, Claim claim, Map<Long, List<Double>> scored) {
        if (members.containsKey(messageId)) {
            throw new IllegalArgumentException("message " + messageId + " is already in cluster "
                    + members.get(messageId).clusterId());
        }
        release(messageId);
        changes++;
        Set<String> keys = ClaimSimilarity.keys(claim);
        members.put(messageId, new Member(clusterId, claim, keys));
        clusters.computeIfAbsent(clusterId, id -> new TreeSet<>()).add(messageId);
        for (String key : keys) {
            index.computeIfAbsent(key, k -> new TreeSet<>()).add(messageId);
        }
        link(clusterId, scored, 1);
        Map<String, Integer> places = clusterPlaces.computeIfAbsent(clusterId, id -> new HashMap<>());
        for (String place : reach(claim.signature().places())) {
            places.merge(place, 1, Integer::sum);
        }
        nextClusterId = Math.max(nextClusterId, clusterId + 1);
    }

    /** Adds ({@code sign} 1) or takes away (-1) a member's similarities to other clusters from their links. */
    private void link(long clusterId, Map<Long, List<Double>> scored, int sign) {
        for (Map.Entry<Long, List<Double>> e : scored.entrySet()) {
            long other = e.getKey();
            if (other == clusterId) {
                continue;
            }
            double sum = sign * e.getValue().stream().mapToDouble(Double::doubleValue).sum();
            addLink(clusterId, other, sum);
            addLink(other, clusterId, sum);
        }
    }

    /** Removes a cluster's links, both ways; returns them (its row). */
    private Map<Long, Double> unlink(long clusterId) {
        Map<Long, Double> row = links.remove(clusterId);
        if (row == null) {
            return Map.of();
        }
        for (long other : row.keySet()) {
            Map<Long, Double> back = links.get(other);
            back.remove(clusterId);
            if (back.isEmpty()) {
                links.remove(other);
            }
        }
        return row;
    }

    private void addLink(long from, long to, double amount) {
        Map<Long, Double> row = links.computeIfAbsent(from, id -> new HashMap<>());
        double now = row.getOrDefault(to, 0.0) + amount;
        // what is taken away was added before: only rounding can leave a trace
        if (now > 1e-9) {
            row.put(to, now);
        } else {
            row.remove(to);
            if (row.isEmpty()) {
                links.remove(from);
            }
        }
    }

    /** Takes a message out of its cluster (wrongly grouped, deleted); an emptied cluster closes. */
    public synchronized boolean removeMessage(long messageId) {
        Member member = members.remove(messageId);
        if (member == null) {
            return false;
        }
        for (String key : member.keys()) {
            Set<Long> posting = index.get(key);
            posting.remove(messageId);
            if (posting.isEmpty()) {
                index.remove(key);
            }
        }
        changes++;
        link(member.clusterId(), scored(member.claim()), -1);
        Map<String, Integer> places = clusterPlaces.get(member.clusterId());
        for (String place : reach(member.claim().signature().places())) {
            places.computeIfPresent(place, (p, n) -> n == 1 ? null : n - 1);
        }
        Set<Long> cluster = clusters.get(member.clusterId());
        cluster.remove(messageId);
        if (cluster.isEmpty()) {
            clusters.remove(member.clusterId());
            links.remove(member.clusterId());
            partialLinks.remove(member.clusterId());
            clusterPlaces.remove(member.clusterId());
        }
        return true;
    }

    /** Closes a cluster (answered, dismissed): its messages no longer attract new ones. */
    public synchronized void removeCluster(long clusterId) {
        Set<Long> cluster = clusters.get(clusterId);
        if (cluster != null) {
            for (long messageId : List.copyOf(cluster)) {
                removeMessage(messageId);
            }
        }
    }

    /**
     * Moves every message of {@code source} into {@code target}: a supervisor saw they are one claim, or
     * {@link #linked} found them one. Creates the target if it is not open.
     */
    public synchronized void merge(long target, long source) {
        if (target == source || !clusters.containsKey(source)) {
            return;
        }
        changes++;
        NavigableSet<Long> moving = clusters.remove(source);
        if (partialLinks.remove(source)) {
            partialLinks.add(target);
        }
        for (long messageId : moving) {
            Member member = members.get(messageId);
            members.put(messageId, new Member(target, member.claim(), member.keys()));
        }
        clusters.computeIfAbsent(target, id -> new TreeSet<>()).addAll(moving);
        Map<String, Integer> sourcePlaces = clusterPlaces.remove(source);
        if (sourcePlaces != null) {
            Map<String, Integer> targetPlaces = clusterPlaces.computeIfAbsent(target, id -> new HashMap<>());
            sourcePlaces.forEach((place, n) -> targetPlaces.merge(place, n, Integer::sum));
        }
        // the links of the two add up; the one between them is now inside the target
        for (Map.Entry<Long, Double> e : unlink(source).entrySet()) {
            if (e.getKey() != target) {
                addLink(target, e.getKey(), e.getValue());
                addLink(e.getKey(), target, e.getValue());
            }
        }
        nextClusterId = Math.max(nextClusterId, target + 1);
    }

    /**
     * The open clusters one claim with {@code clusterId}, best first: those whose average linkage with it (the
     * mean similarity over every pair of their members, pairs sharing no key counting 0) reaches {@code minimum}.
     * Only a cluster that changed can have become one claim with another, so the caller asks about the cluster a
     * message just joined. Changes no membership; a cluster read back from storage has its links counted here.
     */
    public synchronized List<Match> linked(long clusterId, double minimum) {
        return linked(clusterId, minimum, false);
    }

    /** As {@link #linked(long, double)}; {@code estimate}: a large cluster read back is linked by estimate. */
    private List<Match> linked(long clusterId, double minimum, boolean estimate) {
        Set<Long> cluster = clusters.get(clusterId);
        if (cluster == null) {
            return List.of();
        }
        Map<Long, Double> sums = links.getOrDefault(clusterId, Map.of());
        if (partialLinks.contains(clusterId)) {
            if (cluster.size() <= RECOUNT_MAX) {
                recountLinks(clusterId);
                sums = links.getOrDefault(clusterId, Map.of());
            } else if (estimate) {
                sums = estimatedLinks(clusterId);
            } else {
                // a large cluster read back from storage: the small clusters of its claim find it from their side
                return List.of();
            }
        }
        List<Match> linked = new ArrayList<>();
        for (Map.Entry<Long, Double> e : sums.entrySet()) {
            // the places the two clusters name weigh as they weigh a message joining: without it a Maadi telling,
            // kept out of a cluster of Shubra and placeless tellings of one kind of event, came in by a merge
            double linkage = e.getValue() / ((double) cluster.size() * clusters.get(e.getKey()).size())
                    * ClaimSimilarity.placeConflict(places(clusterId), places(e.getKey()));
            if (linkage >= minimum) {
                linked.add(new Match(e.getKey(), linkage));
            }
        }
        // ties go to the older cluster, as in best()
        linked.sort(Comparator.comparingDouble(Match::similarity).reversed().thenComparingLong(Match::clusterId));
        return linked;
    }

    /**
     * The open clusters most likely to be the same claim as {@code clusterId} without reaching the threshold,
     * best first, for a supervisor to merge by hand: those {@link #linked} to it at {@code minimum} or more, at
     * most {@code limit}. Clusters at or above the threshold are listed too (a supervisor's cluster the desk does
     * not merge on its own). A cluster read back from storage with more than {@link #RECOUNT_MAX} members (a claim
     * asked thousands of times) is compared by its newest members ({@link #estimatedLinks}).
     */
    public synchronized List<Match> related(long clusterId, double minimum, int limit) {
        List<Match> linked = linked(clusterId, minimum, true);
        return linked.size() > limit ? List.copyOf(linked.subList(0, limit)) : linked;
    }

    public synchronized Optional<Long> clusterOf(long messageId) {
        Member member = members.get(messageId);
        return member == null ? Optional.empty() : Optional.of(member.clusterId());
    }

    public synchronized Set<Long> members(long clusterId) {
        Set<Long> cluster = clusters.get(clusterId);
        return cluster == null ? Set.of() : Set.copyOf(cluster);
    }

    public synchronized Set<Long> clusterIds() {
        return Set.copyOf(clusters.keySet());
    }

    /**
     * Holds a message that joined no cluster (the gate let it only join, and nothing was similar enough), so that
     * a cluster forming later can take it in: the first people to ask often do it in words the model files under
     * another category, before anyone's message opens the claim's cluster. At most {@code max} are held; the
     * oldest go first.
     */
    public synchronized void hold(long messageId, Claim claim, Instant since, int max) {
        if (members.containsKey(messageId) || max <= 0) {
            return;
        }
        release(messageId);
        Set<String> keys = ClaimSimilarity.keys(claim);
        if (keys.isEmpty()) {
            // shares no key with anything: no cluster can ever reach it
            return;
        }
        waiting.put(messageId, new Waiting(claim, keys, since));
        for (String key : keys) {
            waitingIndex.computeIfAbsent(key, k -> new TreeSet<>()).add(messageId);
        }
        while (waiting.size() > max) {
            release(waiting.keySet().iterator().next());
        }
    }

    /**
     * The held messages, held since {@code notBefore} or later, that {@code clusterId} now reaches at
     * {@code minimum} or more: looked for among the newest {@value #LATE_CANDIDATES} sharing an index key with
     * {@code trigger} (the message that just joined or opened the cluster: only it changed what the cluster can
     * attract), and only those at least {@code minimum} similar to the trigger itself are scored against the
     * cluster. The first cluster to reach a held message takes it. Messages held before {@code notBefore} are
     * released. Changes nothing else: the caller adds each one with {@link #addTo}, which releases it.
     * <p>
     * Why so narrow: scoring every held message sharing a key against every cluster cost a hundred times more
     * than clustering itself in the in-process benchmark; with the trigger test, one cluster and 50 candidates
     * the cost is in docs/benchmarks.md, and the labelled files score the same (rumor-eval).
     */
    public synchronized List<Late> waitingFor(long clusterId, Claim trigger, double minimum, Instant notBefore) {
        releaseHeldBefore(notBefore);
        List<Late> late = new ArrayList<>();
        for (long messageId : newestWaiting(ClaimSimilarity.keys(trigger), notBefore)) {
            Waiting held = waiting.get(messageId);
            if (ClaimSimilarity.between(held.claim(), trigger) < minimum) {
                continue;
            }
            List<Double> similarities = new ArrayList<>();
            for (long member : clusters.get(clusterId)) {
                double similarity = ClaimSimilarity.between(held.claim(), members.get(member).claim());
                if (similarity > 0) {
                    similarities.add(similarity);
                }
            }
            double score = clusterScore(held.claim(), clusterId, similarities);
            if (score >= minimum) {
                late.add(new Late(messageId, score));
            }
        }
        return late;
    }

    /**
     * The newest {@value #LATE_CANDIDATES} held messages, held since {@code notBefore} or later, sharing one of
     * the keys, newest first. Taken from the newest end of each key's list: gathering every held message sharing
     * a common key (thousands, on a busy day) to keep fifty was a sixth of the processing time in the in-process
     * benchmark. Releases the ones held too long it meets.
     */
    private List<Long> newestWaiting(Set<String> keys, Instant notBefore) {
        TreeSet<Long> newest = new TreeSet<>();
        List<Long> stale = new ArrayList<>();
        for (String key : keys) {
            NavigableSet<Long> posting = waitingIndex.get(key);
            if (posting == null) {
                continue;
            }
            int taken = 0;
            for (Iterator<Long> it = posting.descendingIterator(); it.hasNext() && taken < LATE_CANDIDATES; ) {
                long messageId = it.next();
                if (waiting.get(messageId).since().isBefore(notBefore)) {
                    stale.add(messageId);
                } else {
                    // one taken under another key too still counts here: this key's fifty newest are what matter
                    newest.add(messageId);
                    taken++;
                }
            }
        }
        stale.forEach(this::release);
        List<Long> out = new ArrayList<>(LATE_CANDIDATES);
        for (Iterator<Long> it = newest.descendingIterator(); it.hasNext() && out.size() < LATE_CANDIDATES; ) {
            out.add(it.next());
        }
        return out;
    }

    /** Releases the held messages, oldest held first, until one was held since {@code notBefore} or later. */
    private void releaseHeldBefore(Instant notBefore) {
        while (!waiting.isEmpty()) {
            Map.Entry<Long, Waiting> oldest = waiting.entrySet().iterator().next();
            if (!oldest.getValue().since().isBefore(notBefore)) {
                return;
            }
            release(oldest.getKey());
        }
    }

    /** The claim of a held message (to add it with {@link #addTo}), if it is held. */
    public synchronized Optional<Claim> held(long messageId) {
        Waiting held = waiting.get(messageId);
        return held == null ? Optional.empty() : Optional.of(held.claim());
    }

    /** Stops holding a message (it joined a cluster, or is too old). */
    public synchronized void release(long messageId) {
        Waiting held = waiting.remove(messageId);
        if (held == null) {
            return;
        }
        for (String key : held.keys()) {
            Set<Long> posting = waitingIndex.get(key);
            posting.remove(messageId);
            if (posting.isEmpty()) {
                waitingIndex.remove(key);
            }
        }
    }

    /** Stops holding every message (what a restart does). */
    public synchronized void releaseAll() {
        waiting.clear();
        waitingIndex.clear();
    }

    public synchronized int waitingCount() {
        return waiting.size();
    }

    /** Forgets the clusters (to reload them); held messages stay held. */
    public synchronized void clear() {
        members.clear();
        clusters.clear();
        index.clear();
        links.clear();
        partialLinks.clear();
        changes++;
        clusterPlaces.clear();
    }

    /** Mean of the {@link #LINKAGE} best member similarities (all when fewer); members not scored count as 0. */
    private static double score(List<Double> similarities, int clusterSize) {
        similarities.sort((x, y) -> Double.compare(y, x));
        int k = Math.min(LINKAGE, clusterSize);
        double sum = 0;
        for (int i = 0; i < Math.min(k, similarities.size()); i++) {
            sum += similarities.get(i);
        }
        return sum / k;
    }

    private Set<Long> candidates(Claim claim) {
        Set<Long> out = new TreeSet<>();
        for (String key : ClaimSimilarity.keys(claim)) {
            Set<Long> posting = index.get(key);
            if (posting != null) {
                out.addAll(posting);
            }
        }
        return out;
    }

    /** Clusters claims in list order, as they would arrive; returns the cluster id of each (evaluation). */
    public static int[] clusterAll(List<Claim> claims, double threshold) {
        ClaimClusterer clusterer = new ClaimClusterer(threshold);
        for (int i = 0; i < claims.size(); i++) {
            clusterer.mergeLinked(clusterer.add(i, claims.get(i)).clusterId(), threshold);
        }
        int[] assignment = new int[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            assignment[i] = (int) (long) clusterer.clusterOf(i).orElseThrow();
        }
        return assignment;
    }

    /**
     * Merges the cluster with each open cluster {@link #linked} to it at {@code minimum}, best first, the older
     * keeping its id, until none is left; returns the cluster's id afterwards. In memory only, for the
     * evaluation: the service merges through {@link RumorClustering}, which also leaves alone the clusters a
     * supervisor has shaped or answered.
     */
    public synchronized long mergeLinked(long clusterId, double minimum) {
        long current = clusterId;
        for (List<Match> linked = linked(current, minimum); !linked.isEmpty(); linked = linked(current, minimum)) {
            long other = linked.get(0).clusterId();
            merge(Math.min(current, other), Math.max(current, other));
            current = Math.min(current, other);
        }
        return current;
    }
}
