package org.bayan.rumor;

import org.bayan.classify.CategorizerModel;
import org.bayan.classify.ClassificationEngine;
import org.bayan.classify.Corpus;
import org.bayan.classify.LabelledText;
import org.bayan.classify.LanguageIdentifier;
import org.bayan.classify.ModelEvaluator;
import org.junit.jupiter.api.Test;

import org.bayan.classify.Classification;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void shouldCountJoinsIntoTheWrongClaimByHowTheMessageCameIn(@TempDir Path dir) throws Exception {
        // two tellings of one claim, and a procedure question about the same passport fee that is no telling of it
        Path file = Files.writeString(dir.resolve("joins.tsv"), String.join("\n",
                "passport-fee-2000\tهل صحيح إن رسوم استخراج جواز السفر زادت لـ 2000 جنيه من أول الشهر؟",
                "passport-fee-2000\tسمعت إن فيه رسم جديد على الباسبور 2000 جنيه غير الرسوم العادية، ده حقيقي ولا إشاعة؟",
                "-\tما هي الأوراق المطلوبة لاستخراج جواز سفر جديد وكم الرسوم؟ قالوا لي 2000 جنيه"));
        ClaimVectors vectors = new ClaimVectors(List.of("هل صحيح", "رسوم", "جواز السفر"));
        ClusterEvaluation.Joins joins = new ClusterEvaluation.Joins();
        // a stub classifier: the tellings are rumors, the question is a procedure question with no rumor score
        ClusterEvaluation.evaluateDesk(file, vectors, text -> text.startsWith("ما هي")
                        ? new Classification("procedure_inquiry", 0.9, Map.of("rumor", 0.0), "ar", "msa", false, "stub")
                        : new Classification("rumor", 0.9, Map.of("rumor", 0.9), "ar", "egy", false, "stub"),
                RumorGate.DEFAULT, true, new long[]{1, 2, 3}, joins);
        // in each order the second of the two rumors joins the first, and the question joins their cluster
        assertEquals("joins into a cluster, all orders: as rumors 3, into the wrong claim 0 (0.0%); other categories by "
                + "similarity alone 3, into the wrong claim 3 (100.0%)", joins.toString());
    }
}
