package org.bayan.rumor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online single-pass clustering of claims: a message joins the open cluster whose centroid it is most
 * similar to, when that similarity reaches the threshold; otherwise it starts a new cluster. The centroid is
 * the normalized sum of the members' vectors, so a cluster's vocabulary grows with every dialect and
 * spelling that joins it. Not thread-safe: {@link RumorService} serializes access.
 */
public final class ClaimClusterer {

    private final double threshold;
    private final Map<Long, Centroid> centroids = new HashMap<>();

    public ClaimClusterer(double threshold) {
        this.threshold = threshold;
    }

    public record Match(long clusterId, double similarity) {
    }

    /** The best open cluster for this vector, if any reaches {@code minimum} (the join threshold by default). */
    public java.util.Optional<Match> best(Map<String, Double> vector, double minimum) {
        Match best = null;
        for (Map.Entry<Long, Centroid> e : centroids.entrySet()) {
            double similarity = ClaimVectors.cosine(vector, e.getValue().normalized());
            if (similarity >= minimum && (best == null || similarity > best.similarity())) {
                best = new Match(e.getKey(), similarity);
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    public java.util.Optional<Match> best(Map<String, Double> vector) {
        return best(vector, threshold);
    }

    public double threshold() {
        return threshold;
    }

    public void add(long clusterId, Map<String, Double> vector) {
        centroids.computeIfAbsent(clusterId, id -> new Centroid()).add(vector);
    }

    /** Forgets a cluster (closed, dismissed, merged away); it no longer attracts messages. */
    public void remove(long clusterId) {
        centroids.remove(clusterId);
    }

    public void clear() {
        centroids.clear();
    }

    /** Clusters a whole list in order; returns the cluster index of each item (for evaluation). */
    public static int[] clusterAll(List<Map<String, Double>> vectors, double threshold) {
        ClaimClusterer clusterer = new ClaimClusterer(threshold);
        int[] assignment = new int[vectors.size()];
        long next = 0;
        for (int i = 0; i < vectors.size(); i++) {
            var match = clusterer.best(vectors.get(i));
            long id = match.isPresent() ? match.get().clusterId() : next++;
            clusterer.add(id, vectors.get(i));
            assignment[i] = (int) id;
        }
        return assignment;
    }

    private static final class Centroid {
        private final Map<String, Double> sum = new HashMap<>();
        private Map<String, Double> normalized = Map.of();

        void add(Map<String, Double> vector) {
            vector.forEach((k, v) -> sum.merge(k, v, Double::sum));
            double norm = Math.sqrt(sum.values().stream().mapToDouble(v -> v * v).sum());
            Map<String, Double> n = new HashMap<>(sum.size() * 2);
            sum.forEach((k, v) -> n.put(k, v / norm));
            normalized = n;
        }

        Map<String, Double> normalized() {
            return normalized;
        }
    }
}
