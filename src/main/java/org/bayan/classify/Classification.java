package org.bayan.classify;

import java.util.Map;

/** What the classifier says of one text. {@code scores} maps every category id to its probability. */
public record Classification(String category, double confidence, Map<String, Double> scores, String language,
                             String variety, boolean needsReview, String modelVersion) {
}
