package org.bayan.classify;

import opennlp.tools.doccat.FeatureGenerator;
import org.apache.lucene.analysis.ar.ArabicStemmer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns a message's normalized tokens into categorizer features. New models are trained with
 * {@link FeatureSet#DEFAULT}; a model file records its set, and {@link CategorizerModel#read} rebuilds the
 * generator with it (OpenNLP's own re-creation by class name cannot see application classes under Quarkus).
 * <p>
 * Character n-grams are what make "بطاقه", "البطاقة" and "btaka" neighbours and what carry dialect;
 * they are taken per word with boundary marks, so they stay cheap (a message of 20 words gives a few
 * hundred features).
 */
public class BayanFeatureGenerator implements FeatureGenerator {

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;
    private static final int MAX_WORD_FOR_GRAMS = 24;

    // ArabicStemmer keeps no state between calls: one instance serves every thread.
    private static final ArabicStemmer STEMMER = new ArabicStemmer();

    static {
        // OpenNLP only instantiates feature generators from packages it was told to trust.
        opennlp.tools.util.ext.ExtensionLoader.registerAllowedPackage("org.bayan.classify");
    }

    private final FeatureSet set;

    public BayanFeatureGenerator() {
        this(FeatureSet.DEFAULT);
    }

    /** Called before a model is loaded, so that OpenNLP may re-create this generator by name. */
    public static void allowLoading() {
        // the static initializer has run by now
    }

    public BayanFeatureGenerator(FeatureSet set) {
        this.set = set;
    }

    public FeatureSet featureSet() {
        return set;
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 12);
        char[] buffer = new char[MAX_WORD_FOR_GRAMS + 2];
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (set.words) {
                features.add("w=" + token);
            }
            if (set.bigrams && i + 1 < tokens.length) {
                features.add("b=" + token + "_" + tokens[i + 1]);
            }
            if (set.chars && token.length() >= 2 && token.length() <= MAX_WORD_FOR_GRAMS && !isPlaceholder(token)) {
                String marked = "^" + token + "$";
                for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
                    for (int start = 0; start + n <= marked.length(); start++) {
                        features.add("c=" + marked.substring(start, start + n));
                    }
                }
            }
            if (set.stems && isArabic(token) && token.length() > 3) {
                token.getChars(0, token.length(), buffer, 0);
                int length = STEMMER.stem(buffer, token.length());
                features.add("s=" + new String(buffer, 0, length));
            }
        }
        if (tokens.length <= 2) {
            // Very short messages ("شكرا", "🙏", "help") are their own kind of evidence.
            features.add("len=short");
        }
        return features;
    }

    private static boolean isPlaceholder(String token) {
        return token.equals(TextNormalizer.URL) || token.equals(TextNormalizer.PHONE) || token.equals(TextNormalizer.EMAIL);
    }

    static boolean isArabic(String token) {
        char c = token.charAt(0);
        return c >= '\u0600' && c <= '\u06FF';
    }
}
