package org.bayan.classify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Classifies one text with one model: normalize → tokenize → category (with the urgent lane) → variety and
 * language. The service, the evaluator and the benchmarks all go through here, so what is measured is
 * what runs. Thread-safe.
 */
public final class ClassificationEngine {

    private final CategorizerModel model;
    private final LanguageIdentifier languages;
    private final double reviewThreshold;
    private final Variety[] varietyOrder;
    private final Category[] categoryOrder;

    public ClassificationEngine(CategorizerModel model, LanguageIdentifier languages, double reviewThreshold) {
        this.model = model;
        this.languages = languages;
        this.reviewThreshold = reviewThreshold;
        this.varietyOrder = model.varietyOrder();
        this.categoryOrder = model.categoryOrder();
    }

    public CategorizerModel model() {
        return model;
    }

    public Classification classify(String text) {
        String[] tokens = TextNormalizer.classificationTokens(text);
        CategorizerModel.Prediction prediction = model.predict(tokens);
        LanguageIdentifier.Identification identification =
                languages.identify(text, model.varietyScores(tokens), varietyOrder);
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            for (int i = 0; i < categoryOrder.length; i++) {
                if (categoryOrder[i] == category) {
                    scores.put(category.id(), round(prediction.scores()[i]));
                }
            }
        }
        // An urgent decision is never parked in review: it goes to the urgent queue whatever the confidence.
        boolean needsReview = prediction.category() != Category.URGENT && prediction.confidence() < reviewThreshold;
        return new Classification(prediction.category().id(), round(prediction.confidence()), scores,
                identification.language(), identification.variety().id(), needsReview, model.version());
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
