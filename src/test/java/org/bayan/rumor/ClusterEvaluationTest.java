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

    /** What a stub classifier says of a message it takes for a rumor. */
    private static final Classification RUMOR = new Classification("rumor", 0.9, Map.of("rumor", 0.9), "ar", "egy", false, "stub");

    /** A labelled file of the given {@code group<TAB>text} lines. */
    private static Path labelled(Path dir, String... lines) throws java.io.IOException {
        return Files.writeString(dir.resolve("labelled.tsv"), String.join("\n", lines));
    }

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
        Path file = labelled(dir,
                "passport-fee-2000\tهل صحيح إن رسوم استخراج جواز السفر زادت لـ 2000 جنيه من أول الشهر؟",
                "passport-fee-2000\tسمعت إن فيه رسم جديد على الباسبور 2000 جنيه غير الرسوم العادية، ده حقيقي ولا إشاعة؟",
                "-\tما هي الأوراق المطلوبة لاستخراج جواز سفر جديد وكم الرسوم؟ قالوا لي 2000 جنيه");
        ClaimVectors vectors = new ClaimVectors(List.of("هل صحيح", "رسوم", "جواز السفر"));
        ClusterEvaluation.Joins joins = new ClusterEvaluation.Joins();
        // a stub classifier: the tellings are rumors, the question is a procedure question with no rumor score
        ClusterEvaluation.evaluateDesk(file, vectors, text -> text.startsWith("ما هي")
                        ? new Classification("procedure_inquiry", 0.9, Map.of("rumor", 0.0), "ar", "msa", false, "stub")
                        : RUMOR,
                RumorGate.DEFAULT, true, new long[]{1, 2, 3}, joins);
        // in each order the second of the two rumors joins the first, and the question joins their cluster
        assertEquals("joins into a cluster, all orders: as rumors 3, into the wrong claim 0 (0.0%); other categories by "
                + "similarity alone 3, into the wrong claim 3 (100.0%)", joins.toString());
    }

    @Test
    void shouldCountTheSuggestionsOfPossiblyTheSameClaimAndTheF1OnceTheRightOnesAreAccepted(@TempDir Path dir) throws Exception {
        // one claim told twice in words too different to merge, and a poisoning in another city
        Path file = labelled(dir,
                "oujda-pizzeria\tنرجو توضيح حقيقة الأخبار المتداولة حول حالات تسمم جماعي بأحد محلات الأكلات الخفيفة بوجدة",
                "oujda-pizzeria\tIntoxication alimentaire dans une pizzeria à Oujda, plusieurs personnes à l'hôpital, le gérant arrêté ? C'est vrai ?",
                "-\tIs it true that food poisoning sent people to hospital in Fes?");
        ClusterEvaluation.Related related = new ClusterEvaluation.Related(ClaimClusterer.RELATED_MINIMUM,
                ClaimClusterer.RELATED_LIMIT);
        ClusterEvaluation.evaluateDesk(file, new ClaimVectors(List.of()),
                text -> RUMOR,
                RumorGate.DEFAULT, true, new long[]{1, 2}, new ClusterEvaluation.Joins(), related);
        // in each order three clusters; the two tellings list each other, Fes lists nothing and is listed by none
        assertEquals("possibly the same claim (linkage >= 0.040, at most 5 per cluster), all orders: 6 clusters, "
                + "4 suggestions, 4 the same claim (100.0%); pairs of clusters split from one claim 2, shown 2 (100.0%); "
                + "desk mean F1 0.0000, with every right suggestion accepted 1.0000", related.toString());
    }
}
