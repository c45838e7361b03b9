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

    /** The vector of weights whose keys are already distinct and ascending, scaled to unit length. */
    static SparseVector unitOfSorted(long[] keys, double[] values) {
        scaleToUnit(values, values.length);
        return new SparseVector(keys, values);
    }

    /** Dot product; for unit vectors the cosine. */
    double dot(SparseVector other) {
        long[] a = keys;
        long[] b = other.keys;
        int i = 0;
        int j = 0;
        double dot = 0;
        double[] av = values;
        double[] bv = other.values;
        int na = a.length;
        int nb = b.length;
        while (i < na && j < nb) {
            long x = a[i];
            long y = b[j];
            if (x == y) {
                dot += av[i] * bv[j];
            }
            i += x <= y ? 1 : 0;
            j += x >= y ? 1 : 0;
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
        scaleToUnit(v, n);
        return new SparseVector(Arrays.copyOf(k, n), Arrays.copyOf(v, n));
    }

    private static void scaleToUnit(double[] v, int n) {
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
    }

    /** FNV-1a's starting value, for {@link #keyStep}. */
    static final long KEY_OFFSET = 0xcbf29ce484222325L;

    /** The key of a feature, taken character by character ({@link #keyStep}) so that a caller can skip the string. */
    static long key(String feature) {
        long hash = KEY_OFFSET;
        for (int i = 0; i < feature.length(); i++) {
            hash = keyStep(hash, feature.charAt(i));
        }
        return hash;
    }

    /** The key so far, one more character taken in. */
    static long keyStep(long hash, char c) {
        return (hash ^ c) * 0x100000001b3L;
    }
}
