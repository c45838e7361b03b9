package org.bayan.classify;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    static final Path TINY = Path.of("src/test/resources/classify/tiny");

    @Test
    void shouldTrainATinyCorpusThatLearnsItsOwnExamples() {
        List<LabelledText> corpus = Corpus.read(TINY);
        CategorizerModel model = CategorizerModel.categoriesOnly(CategorizerModel.withMetadata(
                Trainer.trainCategories(corpus, TrainingSettings.DEFAULT), "tiny", 0.5));
        Evaluation evaluation = new Evaluation();
        for (LabelledText sample : corpus) {
            CategorizerModel.Prediction p = model.predict(TextNormalizer.classificationTokens(sample.text()));
            evaluation.add(sample, p.category(), p.confidence());
        }
        assertTrue(evaluation.accuracy() > 0.9, "a model should fit its training lines: " + evaluation.accuracy());
        assertEquals("tiny", model.version());
    }

    @Test
    void shouldRefuseTooLittleDataWithAReadableMessage() {
        List<LabelledText> corpus = Corpus.read(TINY).stream()
                .filter(s -> s.category() != Category.OTHER || s.text().startsWith("شكرا")).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.trainCategories(corpus, TrainingSettings.DEFAULT));
        assertTrue(e.getMessage().contains("'other' has 1 samples"), e.getMessage());
    }

    @Test
    void shouldStopOnAMalformedCorpusLineNamingFileAndLine() throws Exception {
        Path file = Files.createTempFile("corpus", ".tsv");
        Files.writeString(file, "urgent\tfire now\nnot_a_label\tsomething\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Corpus.read(file));
        assertTrue(e.getMessage().endsWith(":2: unknown label 'not_a_label'"), e.getMessage());
    }

    @Test
    void shouldTakeVarietyFromTheCorpusFileName() {
        assertEquals(Variety.EGY, Variety.ofCorpusFile("egy-a.tsv").orElseThrow());
        assertEquals(Variety.ARABIZI, Variety.ofCorpusFile("arabizi.tsv").orElseThrow());
        assertTrue(Variety.ofCorpusFile("train.tsv").isEmpty());
    }

    @Test
    void shouldLetUrgentWinFromItsOwnLowerThreshold() {
        Category[] order = {Category.OTHER, Category.URGENT, Category.TRAFFIC};
        CategorizerModel.Prediction p = CategorizerModel.decide(new double[]{0.5, 0.3, 0.2}, order, 0.25, Double.MAX_VALUE);
        assertEquals(Category.URGENT, p.category());
        CategorizerModel.Prediction q = CategorizerModel.decide(new double[]{0.5, 0.2, 0.3}, order, 0.25, Double.MAX_VALUE);
        assertEquals(Category.OTHER, q.category());
    }

    @Test
    void shouldPromoteOnlyAModelThatIsNotWorse() {
        assertTrue(ModelAdminService.shouldPromote(0.93, 0.92));
        assertTrue(ModelAdminService.shouldPromote(0.92, 0.92));
        assertEquals(false, ModelAdminService.shouldPromote(0.91, 0.92));
    }
}
