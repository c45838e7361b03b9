package org.bayan.rumor;

import org.bayan.classify.TextNormalizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a message into a sparse TF-IDF vector of character 3–5-grams taken inside normalized words. Character
 * grams are what let "عصابة تخطف" (Egyptian) meet "عصابه تختطف" (MSA) and "passeport"/"passport"; the IDF,
 * estimated once from a background collection (the training corpus), pushes down what every rumor shares
 * ("هل صحيح", "is it true", "wach bs7") so that the claim itself — place, vehicle, fee, prison — decides.
 * Immutable after construction; thread-safe.
 */
public final class ClaimVectors {

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;

    /** Measured with rumor-eval: 4 → F1 0.30, 8 → 0.36, 15 → 0.39 (best threshold 0.15). */
    static final double CROSS_SCRIPT_WEIGHT = 15;

    private final Map<String, Double> idf;
    private final double unseenIdf;

    public ClaimVectors(List<String> background) {
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (String text : background) {
            for (String gram : grams(text).keySet()) {
                documentFrequency.merge(gram, 1, Integer::sum);
            }
        }
        int n = Math.max(1, background.size());
        idf = new HashMap<>(documentFrequency.size() * 2);
        documentFrequency.forEach((gram, df) -> idf.put(gram, Math.log((n + 1.0) / (df + 1.0)) + 1));
        unseenIdf = Math.log(n + 1.0) + 1;
    }

    /** L2-normalized TF-IDF vector of the text. */
    public Map<String, Double> vector(String text) {
        Map<String, Integer> counts = grams(text);
        Map<String, Double> vector = new HashMap<>(counts.size() * 2);
        double norm = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            double weight = (1 + Math.log(e.getValue())) * idf.getOrDefault(e.getKey(), unseenIdf);
            if (e.getKey().startsWith("k=") || e.getKey().startsWith("c=")) {
                // one cross-script feature per word against a dozen character grams: weigh it up
                weight *= CROSS_SCRIPT_WEIGHT;
            }
            vector.put(e.getKey(), weight);
            norm += weight * weight;
        }
        double length = Math.sqrt(norm);
        if (length > 0) {
            vector.replaceAll((k, v) -> v / length);
        }
        return vector;
    }

    public static double cosine(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double dot = 0;
        for (Map.Entry<String, Double> e : small.entrySet()) {
            Double other = large.get(e.getKey());
            if (other != null) {
                dot += e.getValue() * other;
            }
        }
        return dot;
    }

    static Map<String, Integer> grams(String text) {
        Map<String, Integer> grams = new HashMap<>();
        for (String token : TextNormalizer.classificationTokens(text)) {
            if (token.length() < 2 || !Character.isLetterOrDigit(token.codePointAt(0))) {
                continue;
            }
            String marked = "^" + token + "$";
            for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
                for (int i = 0; i + n <= marked.length(); i++) {
                    grams.merge(marked.substring(i, i + n), 1, Integer::sum);
                }
            }
            for (String feature : CrossScript.features(token)) {
                grams.merge(feature, 1, Integer::sum);
            }
        }
        return grams;
    }
}
