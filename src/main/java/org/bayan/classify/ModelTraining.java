package org.bayan.classify;

import opennlp.tools.doccat.DoccatModel;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One training run, shared by the {@code train} command and the service's retraining: choose the urgent
 * threshold by cross-validation on the training data, train the category and variety models on all of it,
 * evaluate on the held-out dev file, and write the report.
 */
public final class ModelTraining {

    /** Urgent precision the threshold must keep on out-of-fold predictions; recall is maximised under it. */
    public static final double URGENT_MIN_PRECISION = 0.90;
    static final int THRESHOLD_FOLDS = 5;

    private ModelTraining() {
    }

    public record Outcome(CategorizerModel model, Evaluation dev, String report) {
    }

    public static String newVersion() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    public static Outcome train(List<LabelledText> corpus, List<LabelledText> dev, TrainingSettings settings,
                                String version, Consumer<String> progress) {
        long started = System.currentTimeMillis();
        progress.accept(String.format(Locale.ROOT, "Training %s on %d samples (%s)", version, corpus.size(), settings.describe()));
        progress.accept("Step 1/4: " + THRESHOLD_FOLDS + "-fold cross-validation to choose the urgent threshold");
        CrossValidator.Result cv = CrossValidator.run(corpus, settings, THRESHOLD_FOLDS, 7,
                Runtime.getRuntime().availableProcessors(),
                fold -> progress.accept("  fold " + (fold + 1) + "/" + THRESHOLD_FOLDS + " done"));
        double threshold = CrossValidator.chooseUrgentThreshold(cv, URGENT_MIN_PRECISION);
        for (double t : new double[]{0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5}) {
            double[] rp = CrossValidator.urgentRecallPrecision(cv, t);
            progress.accept(String.format(Locale.ROOT, "  threshold %.2f: out-of-fold urgent recall %.4f precision %.4f", t, rp[0], rp[1]));
        }
        progress.accept(String.format(Locale.ROOT, "  urgent threshold %.2f (out-of-fold macro-F1 %.4f)", threshold,
                cv.evaluation().macroF1()));
        progress.accept("Step 2/4: category model on all " + corpus.size() + " samples");
        DoccatModel categories = CategorizerModel.withMetadata(Trainer.trainCategories(corpus, settings), version, threshold);
        progress.accept("Step 3/4: variety model");
        List<LabelledText> withVariety = corpus.stream().filter(s -> s.variety() != Variety.UND).toList();
        DoccatModel varieties = CategorizerModel.withMetadata(Trainer.trainVarieties(withVariety, settings), version, 0.5);
        CategorizerModel model = new CategorizerModel(categories, varieties);
        progress.accept("Step 4/4: evaluation on the held-out dev file (" + dev.size() + " samples)");
        ModelEvaluator.Result result = ModelEvaluator.evaluate(model, new LanguageIdentifier(), dev,
                "Held-out dev file");
        String report = header(version, settings, corpus, threshold, cv, System.currentTimeMillis() - started)
                + result.markdown();
        return new Outcome(model, result.categories(), report);
    }

    private static String header(String version, TrainingSettings settings, List<LabelledText> corpus,
                                 double threshold, CrossValidator.Result cv, long millis) {
        StringBuilder md = new StringBuilder();
        md.append("# Bayan categorizer ").append(version).append("\n\n");
        md.append("Trained with `").append(settings.describe()).append("` on ").append(corpus.size())
                .append(" samples in ").append(millis / 1000).append(" s.\n");
        md.append("Reproduce the figures below with `./mvnw -q compile exec:java -Dexec.args=\"evaluate models/training/dev\"`.\n\n");
        md.append("Training samples per category: ").append(Corpus.countByCategory(corpus)).append("  \n");
        md.append("Training samples per variety: ").append(Corpus.countByVariety(corpus)).append("\n\n");
        double[] rp = CrossValidator.urgentRecallPrecision(cv, threshold);
        md.append(String.format(Locale.ROOT, "Urgent threshold %.2f (lexicon safety net at %.2f): the best out-of-fold urgent "
                        + "recall (%.4f) on the training data (%d-fold) with precision at least %.2f (%.4f); "
                        + "out-of-fold macro-F1 %.4f, accuracy %.4f.%n%n", threshold, CategorizerModel.DEFAULT_LEXICON_THRESHOLD,
                rp[0], THRESHOLD_FOLDS, URGENT_MIN_PRECISION, rp[1], cv.evaluation().macroF1(), cv.evaluation().accuracy()));
        return md.toString();
    }
}
