package org.bayan.classify;

/** OpenNLP trainers compared by cross-validation. */
public enum Algorithm {
    MAXENT("MAXENT"), NAIVE_BAYES("NAIVEBAYES"), PERCEPTRON("PERCEPTRON");

    final String opennlpName;

    Algorithm(String opennlpName) {
        this.opennlpName = opennlpName;
    }

    public static Algorithm parse(String value) {
        return valueOf(value.toUpperCase().replace('-', '_'));
    }
}
