package org.bayan.classify;

import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Trains OpenNLP document categorizers on normalized tokens: the category model and the variety model.
 * Refuses to train on too little data with a message that says what is missing.
 */
public final class Trainer {

    /** Below this many samples of a class the model cannot be trusted; training stops with a clear message. */
    public static final int MIN_PER_CLASS = 5;

    private Trainer() {
    }

    public static DoccatModel trainCategories(List<LabelledText> samples, TrainingSettings settings) {
        return train(samples, settings, s -> s.category().id(), Category.values().length);
    }

    public static DoccatModel trainVarieties(List<LabelledText> samples, TrainingSettings settings) {
        return train(samples, settings, s -> s.variety().id(), 2);
    }

    private static DoccatModel train(List<LabelledText> samples, TrainingSettings settings,
                                     Function<LabelledText, String> label, int minClasses) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        samples.forEach(s -> counts.merge(label.apply(s), 1, Integer::sum));
        if (counts.size() < minClasses) {
            throw new IllegalArgumentException("Too little data: " + counts.size() + " classes " + counts.keySet()
                    + ", need " + minClasses);
        }
        counts.forEach((name, n) -> {
            if (n < MIN_PER_CLASS) {
                throw new IllegalArgumentException("Too little data: class '" + name + "' has " + n
                        + " samples, need at least " + MIN_PER_CLASS);
            }
        });
        List<DocumentSample> documents = samples.stream()
                .map(s -> new DocumentSample(label.apply(s), TextNormalizer.classificationTokens(s.text())))
                .toList();
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ALGORITHM_PARAM, settings.algorithm().opennlpName);
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.iterations());
        params.put(TrainingParameters.CUTOFF_PARAM, settings.cutoff());
        params.put("PrintMessages", false);
        try {
            FeatureGenerator[] generators = {new BayanFeatureGenerator(settings.features())};
            DoccatModel model = DocumentCategorizerME.train("mul", ObjectStreamUtils.createObjectStream(documents),
                    params, new DoccatFactory(generators));
            // The trained model re-creates its factory by class name, which fails under Quarkus' class loaders.
            model.getFactory().setFeatureGenerators(generators);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
