package org.bayan.rumor;

import java.util.Arrays;
import java.util.Map;

/**
 * A weighted feature vector kept as two parallel arrays sorted by a 64-bit key of each feature, so that the
 * dot product of two vectors is one merge of sorted arrays. Clustering compares a message with every open
 * member sharing a concept, and with {@code Map<String, Double>} vectors those comparisons (a string hash and
 * a probe per gram) were most of the processing time. The key is FNV-1a over the feature's characters: two
 * features colliding in 64 bits among the few million a desk sees is about a one-in-a-million chance, and it
 * would merge two grams' weights, not fail. Immutable.
 */
public final class SparseVector {

    static final SparseVector EMPTY = new SparseVector(new long[0], new double[0]);

    private final long[] keys;
    private final double[] values;

    private SparseVector(long[] keys, double[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** The vector of the given weights, scaled to unit length (unless all are zero). */
    static SparseVector unit(Map<String, Double> weights) {
        long[] keys = new long[weights.size()];
        double[] values = new double[weights.size()];
        int i = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            keys[i] = key(e.getKey());
            values[i] = e.getValue();
            i++;
        }
        return sortedUnit(keys, values);
    }

    /** Dot product; for unit vectors the cosine. */
    double dot(SparseVector other) {
        long[] a = keys;
        long[] b = other.keys;
        int i = 0;
        int j = 0;
        double dot = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                dot += values[i++] * other.values[j++];
            }
        }
        return dot;
    }

    public int size() {
        return keys.length;
    }

    /** Sorts by key, adds up equal keys (a collision), scales to 1. */
    private static SparseVector sortedUnit(long[] keys, double[] values) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
        long[] k = new long[keys.length];
        double[] v = new double[keys.length];
        int n = 0;
        for (int index : order) {
            if (n > 0 && k[n - 1] == keys[index]) {
                v[n - 1] += values[index];
            } else {
                k[n] = keys[index];
                v[n] = values[index];
                n++;
            }
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
            }
        }
        return new SparseVector(Arrays.copyOf(k, n), Arrays.copyOf(v, n));
    }

    static long key(String feature) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < feature.length(); i++) {
            hash ^= feature.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
