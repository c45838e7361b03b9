package org.bayan.rumor;

import org.bayan.classify.TextNormalizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a message into a {@link Claim}: its signature (concepts, places, country, dialect), its concepts as a
 * weighted vector, plus a TF-IDF vector of character 3–5-grams taken inside normalized words. The signature is what lets an
 * Egyptian, a Darija, an Arabizi and a French telling of one claim meet — they share almost no characters; the
 * character grams only break ties between tellings in one script ("عصابة تخطف" / "عصابه تختطف").
 * Both weightings use document frequencies estimated once from a background collection (the training corpus),
 * so what many messages share ("هل صحيح", police, video) weighs less than what a claim is about.
 * Built once by the caller ({@code ModelTool rumor-eval}, the rumor service); immutable and thread-safe.
 */
public final class ClaimVectors {

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;

    /**
     * Relative weight of a concept by kind, before rarity. Events (kidnapping, escape, leak) decide what claim
     * it is; objects and numbers refine; context words (police, video, page) are in most rumors. Places are
     * not weighed here: {@link ClaimSimilarity} compares them as a hierarchy.
     */
    static double kindWeight(String feature) {
        if (feature.startsWith("event:") || feature.startsWith(ClaimSignatures.TAUGHT)) {
            // words a supervisor taught for a claim say which claim it is, as an event does
            return 3.0;
        }
        if (feature.startsWith("object:")) {
            return 2.0;
        }
        if (feature.startsWith("num:")) {
            return 1.5;
        }
        if (feature.startsWith("attr:")) {
            return 1.0;
        }
        if (feature.startsWith("context:")) {
            return 0.4;
        }
        return 1.0;
    }

    private final ClaimSignatures signatures;
    /** Rarity of each character gram seen in the background, by its {@link SparseVector#key}: sorted keys, their idf. */
    private final long[] gramKeys;
    private final double[] gramIdf;
    private final double unseenGramIdf;
    private final Map<String, Double> featureIdf;
    private final double unseenFeatureIdf;

    public ClaimVectors(List<String> background) {
        this(background, ClaimSignatures.standard());
    }

    public ClaimVectors(List<String> background, ClaimSignatures signatures) {
        this.signatures = signatures;
        Map<Long, Integer> gramDf = new HashMap<>();
        Map<String, Integer> featureDf = new HashMap<>();
        for (String text : background) {
            for (long gram : grams(text).keys()) {
                gramDf.merge(gram, 1, Integer::sum);
            }
            for (String feature : signatures.extract(text).concepts()) {
                featureDf.merge(feature, 1, Integer::sum);
            }
        }
        int n = Math.max(1, background.size());
        gramKeys = gramDf.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        gramIdf = new double[gramKeys.length];
        for (int i = 0; i < gramKeys.length; i++) {
            gramIdf[i] = idf(gramDf.get(gramKeys[i]), n);
        }
        unseenGramIdf = Math.log(n + 1.0) + 1;
        featureIdf = idf(featureDf, n);
        unseenFeatureIdf = unseenGramIdf;
    }

    private ClaimVectors(ClaimVectors rarities, ClaimSignatures signatures) {
        this.signatures = signatures;
        this.gramKeys = rarities.gramKeys;
        this.gramIdf = rarities.gramIdf;
        this.unseenGramIdf = rarities.unseenGramIdf;
        this.featureIdf = rarities.featureIdf;
        this.unseenFeatureIdf = rarities.unseenFeatureIdf;
    }

    /**
     * These vectors with the words taught for claims ({@link ClaimSignatures#withTaught}), keeping the rarities
     * estimated on the background collection: a taught concept is unseen there, so it weighs as the rarest.
     */
    public ClaimVectors withTaught(Map<String, String> wordsByClaim) {
        return new ClaimVectors(this, signatures.withTaught(wordsByClaim));
    }

    private static Map<String, Double> idf(Map<String, Integer> df, int n) {
        Map<String, Double> idf = new HashMap<>(df.size() * 2);
        df.forEach((key, count) -> idf.put(key, idf(count, n)));
        return idf;
    }

    private static double idf(int df, int n) {
        return Math.log((n + 1.0) / (df + 1.0)) + 1;
    }

    public Claim claim(String text) {
        ClaimSignature signature = signatures.extract(text);
        Map<String, Double> features = new HashMap<>();
        for (String feature : signature.concepts()) {
            double rarity = Math.sqrt(featureIdf.getOrDefault(feature, unseenFeatureIdf));
            features.put(feature, kindWeight(feature) * rarity);
        }
        return new Claim(text, signature, SparseVector.unit(features), gramWeights(text),
                ClaimSimilarity.alternatives(signature));
    }

    /** TF-IDF weights of the character grams (and consonant skeletons) of the text, as a unit vector. */
    private SparseVector gramWeights(String text) {
        Grams grams = grams(text);
        double[] weights = new double[grams.keys().length];
        for (int i = 0; i < weights.length; i++) {
            int at = java.util.Arrays.binarySearch(gramKeys, grams.keys()[i]);
            weights[i] = (1 + Math.log(grams.counts()[i])) * (at >= 0 ? gramIdf[at] : unseenGramIdf);
        }
        return SparseVector.unitOfSorted(grams.keys(), weights);
    }

    /** The distinct gram keys of a text, ascending, and how often each occurs. */
    record Grams(long[] keys, int[] counts) {
        int size() {
            return keys.length;
        }
    }

    /**
     * The character 3–5-grams inside each normalized word, the word marked at both ends ({@code ^word$}), and the
     * consonant skeleton of each word, as {@link SparseVector#key}s with their counts. Hashed straight from the
     * word's characters: building a string per gram and looking it up in a map of strings was most of the cost of
     * extracting a claim, which every processed message pays.
     */
    static Grams grams(String text) {
        long[] keys = new long[256];
        int n = 0;
        for (String token : TextNormalizer.classificationTokens(text)) {
            if (token.length() < 2 || !Character.isLetterOrDigit(token.codePointAt(0))) {
                continue;
            }
            int marked = token.length() + 2;
            // room for every gram of the word and its skeleton
            int room = n + (MAX_GRAM - MIN_GRAM + 1) * marked + 1;
            if (room > keys.length) {
                keys = java.util.Arrays.copyOf(keys, Math.max(room, 2 * keys.length));
            }
            for (int g = MIN_GRAM; g <= MAX_GRAM; g++) {
                for (int i = 0; i + g <= marked; i++) {
                    long hash = SparseVector.KEY_OFFSET;
                    for (int k = i; k < i + g; k++) {
                        hash = SparseVector.keyStep(hash, k == 0 ? '^' : k == marked - 1 ? '$' : token.charAt(k - 1));
                    }
                    keys[n++] = hash;
                }
            }
            String skeleton = CrossScript.skeleton(token);
            if (skeleton.length() >= 3) {
                // names the gazetteer lacks still meet across scripts: نصر / nasr → nsr
                keys[n++] = SparseVector.key("k=" + skeleton);
            }
        }
        java.util.Arrays.sort(keys, 0, n);
        long[] distinct = new long[n];
        int[] counts = new int[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (size > 0 && distinct[size - 1] == keys[i]) {
                counts[size - 1]++;
            } else {
                distinct[size] = keys[i];
                counts[size++] = 1;
            }
        }
        return new Grams(java.util.Arrays.copyOf(distinct, size), java.util.Arrays.copyOf(counts, size));
    }
}
