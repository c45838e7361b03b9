package org.bayan.classify;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.common.ProblemException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Retraining with responders' corrections, guarded: the candidate is promoted only when its macro-F1 on the
 * held-out dev file is not lower than the current model's on the same file; a promoted model is written
 * under the data directory and loaded without a restart.
 */
@ApplicationScoped
public class ModelAdminService {

    @Inject
    ClassifierService classifier;

    @Inject
    ClassifierConfig config;

    @Inject
    FeedbackService feedback;

    private final AtomicBoolean training = new AtomicBoolean();

    public record RetrainResult(String candidateVersion, double candidateMacroF1, String currentVersion,
                                double currentMacroF1, int corrections, boolean promoted, String reason) {
    }

    /** Retrains on the configured corpus plus every stored correction. */
    public RetrainResult retrainWithFeedback() {
        Path train = config.trainingDir().resolve("train");
        Path dev = config.trainingDir().resolve("dev");
        List<LabelledText> corrections = feedback.corrections();
        List<LabelledText> corpus = new ArrayList<>(Corpus.read(train));
        corpus.addAll(corrections);
        return retrain(corpus, Corpus.read(dev), corrections.size());
    }

    /** One guarded retraining run on the given data. Only one runs at a time. */
    public RetrainResult retrain(List<LabelledText> corpus, List<LabelledText> dev, int corrections) {
        if (!training.compareAndSet(false, true)) {
            throw ProblemException.conflict("a retraining is already running");
        }
        try {
            ClassificationEngine current = classifier.engine();
            double currentF1 = ModelEvaluator.evaluate(current.model(), classifier.languages(), dev, "current")
                    .categories().macroF1();
            ModelTraining.Outcome outcome = ModelTraining.train(corpus, dev, TrainingSettings.DEFAULT,
                    ModelTraining.newVersion(), line -> Log.info("Retraining: " + line));
            double candidateF1 = outcome.dev().macroF1();
            boolean promote = shouldPromote(candidateF1, currentF1);
            String reason = String.format(Locale.ROOT, "candidate macro-F1 %.4f %s current %.4f on the dev file",
                    candidateF1, promote ? ">=" : "<", currentF1);
            if (promote) {
                Path dir = classifier.promotedDir();
                outcome.model().save(dir);
                Files.writeString(dir.resolve("bayan-doccat-" + outcome.model().version() + ".report.md"),
                        outcome.report(), StandardCharsets.UTF_8);
                classifier.reload();
                Log.infof("Promoted model %s (%s)", outcome.model().version(), reason);
            } else {
                Log.infof("Refused model %s (%s)", outcome.model().version(), reason);
            }
            return new RetrainResult(outcome.model().version(), candidateF1, current.model().version(), currentF1,
                    corrections, promote, reason);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            training.set(false);
        }
    }

    /** A model that is worse on the held-out file never replaces the one in service; an equal one may. */
    static boolean shouldPromote(double candidateMacroF1, double currentMacroF1) {
        return candidateMacroF1 >= currentMacroF1;
    }
}
