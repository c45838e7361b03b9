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
    private final Map<String, Double> gramIdf;
    private final double unseenGramIdf;
    private final Map<String, Double> featureIdf;
    private final double unseenFeatureIdf;

    public ClaimVectors(List<String> background) {
        this(background, ClaimSignatures.standard());
    }

    public ClaimVectors(List<String> background, ClaimSignatures signatures) {
        this.signatures = signatures;
        Map<String, Integer> gramDf = new HashMap<>();
        Map<String, Integer> featureDf = new HashMap<>();
        for (String text : background) {
            for (String gram : grams(text).keySet()) {
                gramDf.merge(gram, 1, Integer::sum);
            }
            for (String feature : signatures.extract(text).concepts()) {
                featureDf.merge(feature, 1, Integer::sum);
            }
        }
        int n = Math.max(1, background.size());
        gramIdf = idf(gramDf, n);
        unseenGramIdf = Math.log(n + 1.0) + 1;
        featureIdf = idf(featureDf, n);
        unseenFeatureIdf = unseenGramIdf;
    }

    private ClaimVectors(ClaimVectors rarities, ClaimSignatures signatures) {
        this.signatures = signatures;
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
        df.forEach((key, count) -> idf.put(key, Math.log((n + 1.0) / (count + 1.0)) + 1));
        return idf;
    }

    public Claim claim(String text) {
        ClaimSignature signature = signatures.extract(text);
        Map<String, Double> features = new HashMap<>();
        for (String feature : signature.concepts()) {
            double rarity = Math.sqrt(featureIdf.getOrDefault(feature, unseenFeatureIdf));
            features.put(feature, kindWeight(feature) * rarity);
        }
        return new Claim(text, signature, SparseVector.unit(features), SparseVector.unit(gramWeights(text)),
                ClaimSimilarity.alternatives(signature));
    }

    /** TF-IDF weights of the character grams (and consonant skeletons) of the text; {@link SparseVector#unit} scales them. */
    private Map<String, Double> gramWeights(String text) {
        Map<String, Integer> counts = grams(text);
        Map<String, Double> vector = new HashMap<>(counts.size() * 2);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            vector.put(e.getKey(), (1 + Math.log(e.getValue())) * gramIdf.getOrDefault(e.getKey(), unseenGramIdf));
        }
        return vector;
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
            String skeleton = CrossScript.skeleton(token);
            if (skeleton.length() >= 3) {
                // names the gazetteer lacks still meet across scripts: نصر / nasr → nsr
                grams.merge("k=" + skeleton, 1, Integer::sum);
            }
        }
        return grams;
    }
}
