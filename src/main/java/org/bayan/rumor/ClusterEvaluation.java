package org.bayan.rumor;

import org.bayan.classify.Classification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Measures cluster quality on a labelled file ({@code group<TAB>text}, {@code -} for a message that belongs to
 * no group): messages are clustered one by one in a shuffled order, as they would arrive, and every pair of
 * messages is scored — same gold group and same cluster is a true positive. Reports pairwise precision,
 * recall and F1 per threshold and per shuffle seed, and lists the clusters that mix groups and the groups
 * split over clusters. That measures the clusterer alone, every message clustered; {@link #evaluateDesk} measures
 * the desk's path, where the classifier and {@link RumorGate} decide which messages are clustered. Called by
 * {@code ModelTool rumor-eval} and the rumor tests; the gold labels are read
 * here only, never by the clustering.
 */
public final class ClusterEvaluation {

    public record Score(double threshold, long seed, double precision, double recall, double f1, int clusters) {
    }

    /** A labelled message. */
    public record Row(String group, String text) {
        boolean isDistractor() {
            return group.equals("-");
        }
    }

    private ClusterEvaluation() {
    }

    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                rows.add(new Row(line.substring(0, tab).trim(), line.substring(tab + 1)));
            }
        }
        return rows;
    }

    /**
     * A file of lines {@code claim<TAB>value}, the claim as a labelled file names it, read into each claim's values
     * in file order; lines starting with # and lines without a tab are skipped. The gathering queries and the
     * taught words are written so.
     */
    public static Map<String, List<String>> readByClaim(Path file) throws IOException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0 && !line.startsWith("#")) {
                values.computeIfAbsent(line.substring(0, tab).trim(), g -> new ArrayList<>()).add(line.substring(tab + 1).trim());
            }
        }
        return values;
    }

    /**
     * Words taught per claim ({@link ClaimWords}), read as {@link #readByClaim}: several lines of one claim add up.
     *
     * @throws IllegalArgumentException naming the claim whose words cannot be used
     */
    public static Map<String, String> readWords(Path file) throws IOException {
        Map<String, String> words = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : readByClaim(file).entrySet()) {
            try {
                words.put(e.getKey(), ClaimWords.canonical(String.join("|", e.getValue())));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(file + ", " + e.getKey() + ": " + bad.getMessage(), bad);
            }
        }
        return words;
    }

    public static List<Score> evaluate(Path file, ClaimVectors vectors, double[] thresholds, long seed) throws IOException {
        List<Row> rows = read(file);
        Map<String, Claim> claims = claims(rows, vectors);
        List<Score> scores = new ArrayList<>();
        for (double threshold : thresholds) {
            scores.add(score(rows, claims, threshold, seed));
        }
        return scores;
    }

    /** One threshold, several arrival orders. */
    public static List<Score> evaluateSeeds(Path file, ClaimVectors vectors, double threshold, long[] seeds) throws IOException {
        List<Row> rows = read(file);
        Map<String, Claim> claims = claims(rows, vectors);
        List<Score> scores = new ArrayList<>();
        for (long seed : seeds) {
            scores.add(score(rows, claims, threshold, seed));
        }
        return scores;
    }

    private static Map<String, Claim> claims(List<Row> rows, ClaimVectors vectors) {
        Map<String, Claim> claims = new LinkedHashMap<>();
        for (Row row : rows) {
            claims.computeIfAbsent(row.text(), vectors::claim);
        }
        return claims;
    }

    /** The rows in the arrival order of {@code seed}, as every measurement here shuffles them. */
    public static List<Row> shuffled(List<Row> rows, long seed) {
        List<Row> order = new ArrayList<>(rows);
        Collections.shuffle(order, new Random(seed));
        return order;
    }

    static Score score(List<Row> rows, Map<String, Claim> claims, double threshold, long seed) {
        List<Row> order = shuffled(rows, seed);
        int[] cluster = ClaimClusterer.clusterAll(order.stream().map(r -> claims.get(r.text())).toList(), threshold);
        return pairwise(order, cluster, threshold, seed);
    }

    /**
     * Cluster quality as the desk gets it: each message is classified, and {@link RumorGate} decides whether it
     * may open a cluster and how similar it must be to join one, as in the service. With {@code lateJoin}, a
     * message that joined nothing is held and taken into a cluster that later reaches it at the gate's
     * other-category threshold, as the service does ({@link ClaimClusterer#hold}); after each message, clusters
     * that proved one claim are merged ({@link ClaimClusterer#mergeLinked}), as the service merges the clusters
     * no supervisor has shaped. A message that stays out of
     * every cluster counts as a cluster of its own, so a claim's messages the gate kept out are recall lost.
     * Several arrival orders at the gate's thresholds.
     */
    public static List<Score> evaluateDesk(Path file, ClaimVectors vectors, Function<String, Classification> classifier,
                                           RumorGate gate, boolean lateJoin, long[] seeds) throws IOException {
        return evaluateDesk(file, vectors, classifier, gate, lateJoin, seeds, new Joins());
    }

    /**
     * Joins into an existing cluster along the desk's path, by how the message came in, and how many went into
     * the wrong claim: the message is a distractor, or most of the cluster it joined is about another claim.
     * Messages that came in as rumors may be answered automatically by a clarified cluster; the others are not
     * ({@link Clarifications}), and these counts are why.
     */
    public static final class Joins {
        private long asRumor;
        private long asRumorWrong;
        private long bySimilarity;
        private long bySimilarityWrong;

        void add(boolean rumor, boolean wrong) {
            if (rumor) {
                asRumor++;
                asRumorWrong += wrong ? 1 : 0;
            } else {
                bySimilarity++;
                bySimilarityWrong += wrong ? 1 : 0;
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "joins into a cluster, all orders: as rumors %d, into the wrong claim %d "
                            + "(%.1f%%); other categories by similarity alone %d, into the wrong claim %d (%.1f%%)",
                    asRumor, asRumorWrong, percent(asRumorWrong, asRumor), bySimilarity, bySimilarityWrong,
                    percent(bySimilarityWrong, bySimilarity));
        }

        static double percent(long part, long whole) {
            return whole == 0 ? 0 : 100.0 * part / whole;
        }
    }

    /** As {@link #evaluateDesk(Path, ClaimVectors, Function, RumorGate, boolean, long[])}, counting the joins. */
    public static List<Score> evaluateDesk(Path file, ClaimVectors vectors, Function<String, Classification> classifier,
                                           RumorGate gate, boolean lateJoin, long[] seeds, Joins joins) throws IOException {
        return evaluateDesk(file, vectors, classifier, gate, lateJoin, seeds, joins, new Related(ClaimClusterer.RELATED_MINIMUM,
                ClaimClusterer.RELATED_LIMIT));
    }

    /**
     * What the "possibly the same claim" list of each cluster ({@link ClaimClusterer#related}) offers a supervisor
     * at the end of the desk's path: how many suggestions, how many are the same claim (the majority claim of both
     * clusters; clusters of distractors are never right), how many pairs of clusters split from one claim it shows
     * (in either cluster's list), and the pairwise F1 once a supervisor has accepted every right suggestion and
     * rejected the others. That last figure is the desk with a person in the loop, not the clusterer.
     */
    public static final class Related {
        private final double minimum;
        private final int limit;
        private long clusters;
        private long shown;
        private long right;
        private long splitPairs;
        private long splitPairsShown;
        private final List<Double> assistedF1 = new ArrayList<>();
        private final List<Double> f1 = new ArrayList<>();

        public Related(double minimum, int limit) {
            this.minimum = minimum;
            this.limit = limit;
        }

        /** Reads the lists of the clusters {@code clusterer} ends an order with; {@code score} is that order's. */
        void add(List<Row> order, ClaimClusterer clusterer, int[] cluster, Score score) {
            Map<Long, String> claimOf = new TreeMap<>();
            for (long id : clusterer.clusterIds()) {
                claimOf.put(id, majority(order, clusterer.members(id)));
            }
            Map<Integer, Integer> parent = new HashMap<>();
            Map<Long, List<Long>> lists = new TreeMap<>();
            for (long id : claimOf.keySet()) {
                clusters++;
                List<Long> list = clusterer.related(id, minimum, limit).stream().map(ClaimClusterer.Match::clusterId).toList();
                lists.put(id, list);
                for (long other : list) {
                    shown++;
                    if (sameClaim(claimOf.get(id), claimOf.get(other))) {
                        right++;
                        union(parent, (int) id, (int) other);
                    }
                }
            }
            List<Long> ids = List.copyOf(claimOf.keySet());
            for (int a = 0; a < ids.size(); a++) {
                for (int b = a + 1; b < ids.size(); b++) {
                    long x = ids.get(a);
                    long y = ids.get(b);
                    if (sameClaim(claimOf.get(x), claimOf.get(y))) {
                        splitPairs++;
                        splitPairsShown += lists.get(x).contains(y) || lists.get(y).contains(x) ? 1 : 0;
                    }
                }
            }
            int[] assisted = new int[cluster.length];
            for (int i = 0; i < cluster.length; i++) {
                assisted[i] = cluster[i] < 0 ? cluster[i] : find(parent, cluster[i]);
            }
            f1.add(score.f1());
            assistedF1.add(pairwise(order, assisted, score.threshold(), score.seed()).f1());
        }

        /** The claim most of the members are about, or {@code -} when distractors are most. */
        private static String majority(List<Row> order, Set<Long> members) {
            Map<String, Integer> groups = new TreeMap<>();
            for (long member : members) {
                groups.merge(order.get((int) member).group(), 1, Integer::sum);
            }
            return Collections.max(groups.entrySet(), Map.Entry.comparingByValue()).getKey();
        }

        private static boolean sameClaim(String a, String b) {
            return !a.equals("-") && a.equals(b);
        }

        private static int find(Map<Integer, Integer> parent, int x) {
            int root = x;
            while (parent.containsKey(root)) {
                root = parent.get(root);
            }
            return root;
        }

        private static void union(Map<Integer, Integer> parent, int x, int y) {
            int rx = find(parent, x);
            int ry = find(parent, y);
            if (rx != ry) {
                parent.put(Math.max(rx, ry), Math.min(rx, ry));
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "possibly the same claim (linkage >= %.3f, at most %d per cluster), all "
                            + "orders: %d clusters, %d suggestions, %d the same claim (%.1f%%); pairs of clusters split "
                            + "from one claim %d, shown %d (%.1f%%); desk mean F1 %.4f, with every right suggestion "
                            + "accepted %.4f", minimum, limit, clusters, shown, right, Joins.percent(right, shown),
                    splitPairs, splitPairsShown, Joins.percent(splitPairsShown, splitPairs),
                    f1.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    assistedF1.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        }
    }

    /**
     * As {@link #evaluateDesk(Path, ClaimVectors, Function, RumorGate, boolean, long[], Joins)}, also measuring the
     * "possibly the same claim" lists at the end of each order.
     */
    public static List<Score> evaluateDesk(Path file, ClaimVectors vectors, Function<String, Classification> classifier,
                                           RumorGate gate, boolean lateJoin, long[] seeds, Joins joins, Related related)
            throws IOException {
        return evaluateDesk(file, vectors, classifier, gate, lateJoin, seeds, joins, related, null);
    }

    /**
     * Words a supervisor teaches for each claim of {@code words} once it has been told {@code after} times, on a
     * cluster of its tellings (later, if none of them is in a cluster yet), as
     * {@link RumorClustering#teach} does: every claim in memory, held messages included, is extracted again with the
     * words; the messages already placed stay where they are, and later ones meet the claim's cluster by them.
     */
    public record LateTeaching(Map<String, String> words, int after) {
        public LateTeaching {
            if (after < 1) {
                throw new IllegalArgumentException("words are taught after at least one telling, got " + after);
            }
            words = Map.copyOf(words);
        }
    }

    /**
     * As {@link #evaluateDesk(Path, ClaimVectors, Function, RumorGate, boolean, long[], Joins, Related)}, with
     * {@code teaching} (or none): {@code vectors} are then the shipped ones, and the words are taught along the way.
     */
    public static List<Score> evaluateDesk(Path file, ClaimVectors vectors, Function<String, Classification> classifier,
                                           RumorGate gate, boolean lateJoin, long[] seeds, Joins joins, Related related,
                                           LateTeaching teaching) throws IOException {
        List<Row> rows = read(file);
        Map<String, Claim> shipped = claims(rows, vectors);
        Map<String, RumorGate.Entry> entries = new HashMap<>();
        for (Row row : rows) {
            entries.computeIfAbsent(row.text(), text -> gate.entry(classifier.apply(text)));
        }
        List<Score> scores = new ArrayList<>();
        for (long seed : seeds) {
            List<Row> order = shuffled(rows, seed);
            ClaimClusterer clusterer = new ClaimClusterer(gate.threshold());
            Map<String, Claim> claims = shipped;
            Map<String, String> taught = new TreeMap<>();
            Map<String, Integer> told = new HashMap<>();
            int[] cluster = new int[order.size()];
            for (int i = 0; i < order.size(); i++) {
                Claim claim = claims.get(order.get(i).text());
                RumorGate.Entry entry = entries.get(order.get(i).text());
                Optional<ClaimClusterer.Match> match = clusterer.best(claim, entry.joinAt());
                if (match.isPresent()) {
                    joins.add(entry.mayOpen(), wrongClaim(order, clusterer, match.get().clusterId(), order.get(i)));
                    clusterer.addTo(match.get().clusterId(), i, claim);
                    cluster[i] = (int) match.get().clusterId();
                } else if (entry.mayOpen()) {
                    cluster[i] = (int) clusterer.add(i, claim).clusterId();
                } else {
                    // messages outside every cluster are clusters of one: ids below the clusterer's
                    cluster[i] = -1 - i;
                    if (lateJoin) {
                        clusterer.hold(i, claim, Instant.EPOCH, Integer.MAX_VALUE);
                    }
                }
                if (cluster[i] >= 0) {
                    if (lateJoin) {
                        for (ClaimClusterer.Late late : clusterer.waitingFor(cluster[i], claim,
                                gate.otherCategoryThreshold(), Instant.EPOCH)) {
                            int held = (int) late.messageId();
                            // only messages that could not open a cluster are held
                            joins.add(false, wrongClaim(order, clusterer, cluster[i], order.get(held)));
                            clusterer.addTo(cluster[i], held, clusterer.held(held).orElseThrow());
                        }
                    }
                    clusterer.mergeLinked(cluster[i], gate.threshold());
                }
                if (teaching != null && !order.get(i).isDistractor()) {
                    told.merge(order.get(i).group(), 1, Integer::sum);
                    for (Map.Entry<String, String> due : teaching.words().entrySet()) {
                        String group = due.getKey();
                        if (taught.containsKey(group) || told.getOrDefault(group, 0) < teaching.after()) {
                            continue;
                        }
                        if (!inACluster(order, clusterer, group, i)) {
                            continue;
                        }
                        taught.put(group, due.getValue());
                        claims = claims(rows, vectors.withTaught(taught));
                        clusterer = reloaded(order, clusterer, claims, gate.threshold(), i);
                    }
                }
            }
            for (int i = 0; i < order.size(); i++) {
                // merges moved members after they joined: the clusters are what the clusterer holds at the end
                int at = i;
                clusterer.clusterOf(i).ifPresent(id -> cluster[at] = (int) (long) id);
            }
            Score score = pairwise(order, cluster, gate.threshold(), seed);
            scores.add(score);
            related.add(order, clusterer, cluster, score);
        }
        return scores;
    }

    /** Whether one of the claim's tellings among the first {@code last + 1} is in a cluster, to teach its words on. */
    private static boolean inACluster(List<Row> order, ClaimClusterer clusterer, String group, int last) {
        for (int j = 0; j <= last; j++) {
            if (order.get(j).group().equals(group) && clusterer.clusterOf(j).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a reload does once words are taught: the first {@code last + 1} messages back into the clusters they are
     * in, or held again, with their claims extracted anew.
     */
    private static ClaimClusterer reloaded(List<Row> order, ClaimClusterer before, Map<String, Claim> claims,
                                           double threshold, int last) {
        ClaimClusterer after = new ClaimClusterer(threshold);
        for (int j = 0; j <= last; j++) {
            int at = j;
            Claim claim = claims.get(order.get(j).text());
            before.clusterOf(j).ifPresentOrElse(id -> after.restore(id, at, claim), () -> {
                if (before.held(at).isPresent()) {
                    after.hold(at, claim, Instant.EPOCH, Integer.MAX_VALUE);
                }
            });
        }
        return after;
    }

    /** A distractor, or a message of another claim than most of the cluster's members. */
    private static boolean wrongClaim(List<Row> order, ClaimClusterer clusterer, long clusterId, Row row) {
        if (row.isDistractor()) {
            return true;
        }
        Map<String, Integer> groups = new TreeMap<>();
        for (long member : clusterer.members(clusterId)) {
            groups.merge(order.get((int) member).group(), 1, Integer::sum);
        }
        return groups.getOrDefault(row.group(), 0) < Collections.max(groups.values());
    }

    /** How many messages of claims and how many distractors the gate lets open a cluster, of how many. */
    public static String gateCounts(Path file, Function<String, Classification> classifier, RumorGate gate) throws IOException {
        int claims = 0;
        int claimsIn = 0;
        int distractors = 0;
        int distractorsIn = 0;
        for (Row row : read(file)) {
            boolean in = gate.entry(classifier.apply(row.text())).mayOpen();
            if (row.isDistractor()) {
                distractors++;
                distractorsIn += in ? 1 : 0;
            } else {
                claims++;
                claimsIn += in ? 1 : 0;
            }
        }
        return String.format(Locale.ROOT, "messages clustered as rumors: %d of %d about a claim, %d of %d distractors",
                claimsIn, claims, distractorsIn, distractors);
    }

    /** Pairwise precision, recall and F1 of a clustering against the gold groups; distractors belong to no group. */
    public static Score pairwise(List<Row> order, int[] cluster, double threshold, long seed) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < order.size(); i++) {
            for (int j = i + 1; j < order.size(); j++) {
                boolean gold = !order.get(i).isDistractor() && order.get(i).group().equals(order.get(j).group());
                boolean predicted = cluster[i] == cluster[j];
                if (gold && predicted) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (gold) {
                    fn++;
                }
            }
        }
        double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        double r = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Score(threshold, seed, p, r, f1, (int) java.util.Arrays.stream(cluster).distinct().count());
    }

    /**
     * The errors at one threshold and order: each predicted cluster holding messages of more than one group (or
     * a distractor with others), and each group whose messages ended up in more than one cluster.
     */
    public static String errors(Path file, ClaimVectors vectors, double threshold, long seed) throws IOException {
        List<Row> order = shuffled(read(file), seed);
        Map<String, Claim> claims = claims(order, vectors);
        int[] cluster = ClaimClusterer.clusterAll(order.stream().map(r -> claims.get(r.text())).toList(), threshold);
        Map<Integer, List<Row>> byCluster = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byGroup = new TreeMap<>();
        for (int i = 0; i < order.size(); i++) {
            byCluster.computeIfAbsent(cluster[i], c -> new ArrayList<>()).add(order.get(i));
            if (!order.get(i).isDistractor()) {
                byGroup.computeIfAbsent(order.get(i).group(), g -> new TreeMap<>()).merge(cluster[i], 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder("Clusters mixing groups:\n");
        for (Map.Entry<Integer, List<Row>> e : byCluster.entrySet()) {
            List<Row> rows = e.getValue();
            long groups = rows.stream().map(Row::group).distinct().count();
            boolean distractorWithOthers = rows.size() > 1 && rows.stream().anyMatch(Row::isDistractor);
            if (groups > 1 || distractorWithOthers) {
                out.append("  cluster ").append(e.getKey()).append(":\n");
                for (Row row : rows) {
                    out.append("    ").append(row.group()).append('\t').append(row.text()).append('\n');
                }
            }
        }
        out.append("Groups split over clusters (cluster=messages):\n");
        byGroup.forEach((group, counts) -> {
            if (counts.size() > 1) {
                out.append("  ").append(group).append(' ').append(counts).append('\n');
            }
        });
        return out.toString();
    }

    public static String toMarkdown(List<Score> scores) {
        StringBuilder md = new StringBuilder("| threshold | seed | pairwise precision | pairwise recall | pairwise F1 | clusters |\n|---|---|---|---|---|---|\n");
        for (Score s : scores) {
            md.append(String.format(Locale.ROOT, "| %.3f | %d | %.4f | %.4f | %.4f | %d |%n", s.threshold(), s.seed(),
                    s.precision(), s.recall(), s.f1(), s.clusters()));
        }
        return md.toString();
    }
}
