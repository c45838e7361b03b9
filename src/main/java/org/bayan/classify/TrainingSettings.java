package org.bayan.classify;

/**
 * How a categorizer is trained. {@link #DEFAULT} is the configuration chosen by cross-validation
 * (see models/reports/cross-validation.md).
 *
 * @param cutoff     features seen fewer times than this are dropped
 * @param iterations training iterations (maxent, perceptron)
 */
public record TrainingSettings(Algorithm algorithm, FeatureSet features, int iterations, int cutoff) {

    public static final TrainingSettings DEFAULT = new TrainingSettings(Algorithm.MAXENT, FeatureSet.DEFAULT, 200, 1);

    public String describe() {
        return algorithm + " / " + features + " / " + iterations + " iterations / cutoff " + cutoff;
    }
}
