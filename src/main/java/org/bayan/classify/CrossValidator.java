package org.bayan.classify;

import opennlp.tools.doccat.DoccatModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Stratified k-fold cross-validation on the training corpus only (the dev file stays unseen). Gives the
 * out-of-fold evaluation of a training configuration, and the out-of-fold urgent probabilities from which
 * the urgent threshold is chosen.
 */
public final class CrossValidator {

    public record Result(TrainingSettings settings, Evaluation evaluation, double[] urgentProbability,
                         boolean[] lexiconHit, boolean[] isUrgent, long millis) {
    }

    private CrossValidator() {
    }

    public static Result run(List<LabelledText> samples, TrainingSettings settings, int folds, long seed,
                             int threads, IntConsumer progress) {
        long started = System.currentTimeMillis();
        int[] fold = assignFolds(samples, folds, seed);
        Category[][] predicted = new Category[folds][];
        double[] urgentProbability = new double[samples.size()];
        boolean[] lexiconHit = new boolean[samples.size()];
        Category[] predictions = new Category[samples.size()];
        double[] confidence = new double[samples.size()];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                final int current = f;
                futures.add(pool.submit(() -> {
                    List<LabelledText> train = new ArrayList<>();
                    for (int i = 0; i < samples.size(); i++) {
                        if (fold[i] != current) {
                            train.add(samples.get(i));
                        }
                    }
                    DoccatModel trained = Trainer.trainCategories(train, settings);
                    CategorizerModel model = CategorizerModel.categoriesOnly(
                            CategorizerModel.withMetadata(trained, "cv", 0.5));
                    Category[] order = model.categoryOrder();
                    for (int i = 0; i < samples.size(); i++) {
                        if (fold[i] == current) {
                            String[] tokens = TextNormalizer.classificationTokens(samples.get(i).text());
                            CategorizerModel.Prediction p = model.predict(tokens);
                            lexiconHit[i] = UrgentLexicon.matches(tokens);
                            predictions[i] = p.category();
                            confidence[i] = p.confidence();
                            for (int k = 0; k < order.length; k++) {
                                if (order[k] == Category.URGENT) {
                                    urgentProbability[i] = p.scores()[k];
                                }
                            }
                        }
                    }
                    progress.accept(current);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cross-validation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        Evaluation evaluation = new Evaluation();
        boolean[] isUrgent = new boolean[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            evaluation.add(samples.get(i), predictions[i], confidence[i]);
            isUrgent[i] = samples.get(i).category() == Category.URGENT;
        }
        return new Result(settings, evaluation, urgentProbability, lexiconHit, isUrgent, System.currentTimeMillis() - started);
    }

    /**
     * The urgent threshold with the best out-of-fold urgent recall whose precision stays at or above
     * {@code minPrecision} (the lexicon safety net included); among equals, the higher threshold.
     */
    public static double chooseUrgentThreshold(Result result, double minPrecision) {
        double best = 0.5;
        double bestRecall = -1;
        for (int step = 60; step >= 5; step--) {
            double threshold = step / 100.0;
            double[] rp = urgentRecallPrecision(result, threshold);
            if (rp[1] >= minPrecision && rp[0] > bestRecall) {
                bestRecall = rp[0];
                best = threshold;
            }
        }
        return best;
    }

    /** Out-of-fold urgent recall and precision if urgent were decided at {@code threshold}. */
    public static double[] urgentRecallPrecision(Result result, double threshold) {
        int tp = 0;
        int fn = 0;
        int fp = 0;
        for (int i = 0; i < result.isUrgent().length; i++) {
            double p = result.urgentProbability()[i];
            boolean flagged = p >= threshold || (result.lexiconHit()[i] && p >= CategorizerModel.DEFAULT_LEXICON_THRESHOLD);
            if (result.isUrgent()[i]) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            }
        }
        return new double[]{tp + fn == 0 ? 1 : (double) tp / (tp + fn), tp + fp == 0 ? 1 : (double) tp / (tp + fp)};
    }

    /** Folds stratified by category so every fold sees every category in proportion. */
    static int[] assignFolds(List<LabelledText> samples, int folds, long seed) {
        Map<Category, List<Integer>> byCategory = new EnumMap<>(Category.class);
        for (int i = 0; i < samples.size(); i++) {
            byCategory.computeIfAbsent(samples.get(i).category(), c -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[samples.size()];
        Random random = new Random(seed);
        for (List<Integer> indexes : byCategory.values()) {
            Collections.shuffle(indexes, random);
            for (int k = 0; k < indexes.size(); k++) {
                fold[indexes.get(k)] = k % folds;
            }
        }
        return fold;
    }
}
