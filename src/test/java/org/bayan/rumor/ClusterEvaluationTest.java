package org.bayan.rumor;

import org.bayan.classify.Corpus;
import org.bayan.classify.LabelledText;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guards the shipped quality: the evaluation file clustered at the shipped threshold, several arrival orders. */
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
}
