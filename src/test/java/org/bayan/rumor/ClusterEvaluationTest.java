package org.bayan.rumor;

import org.bayan.classify.CategorizerModel;
import org.bayan.classify.ClassificationEngine;
import org.bayan.classify.Corpus;
import org.bayan.classify.LabelledText;
import org.bayan.classify.LanguageIdentifier;
import org.bayan.classify.ModelEvaluator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards the shipped quality on the evaluation file, several arrival orders: the clusterer alone at the shipped
 * threshold, and the desk's path where the bundled model and the shipped gate decide what is clustered.
 */
class ClusterEvaluationTest {

    @Test
    void shouldReachTargetPairwiseF1AtTheShippedThresholdForEveryArrivalOrder() throws Exception {
        ClaimVectors vectors = new ClaimVectors(Corpus.read(Path.of("models/training/train")).stream()
                .map(LabelledText::text).toList());
        var scores = ClusterEvaluation.evaluateSeeds(Path.of("models/rumors/clusters-eval.tsv"), vectors,
                ClaimClusterer.DEFAULT_THRESHOLD, new long[]{42, 1, 2, 3, 4, 5});
        for (ClusterEvaluation.Score score : scores) {
            assertTrue(score.f1() >= 0.85, ClusterEvaluation.toMarkdown(scores));
        }
    }

    @Test
    void shouldReachTargetPairwiseF1AlongTheDesksPathWhereTheClassifierDecidesWhatIsClustered() throws Exception {
        ClaimVectors vectors = new ClaimVectors(Corpus.read(Path.of("models/training/train")).stream()
                .map(LabelledText::text).toList());
        Path models = Path.of("models");
        ClassificationEngine engine = new ClassificationEngine(CategorizerModel.load(models,
                ModelEvaluator.latestVersion(models).orElseThrow()), new LanguageIdentifier(), 0);
        var scores = ClusterEvaluation.evaluateDesk(Path.of("models/rumors/clusters-eval.tsv"), vectors,
                engine::classify, RumorGate.DEFAULT, true, new long[]{42, 1, 2, 3, 4, 5});
        for (ClusterEvaluation.Score score : scores) {
            assertTrue(score.f1() >= 0.85, ClusterEvaluation.toMarkdown(scores));
        }
    }
}
