package org.bayan.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticCorpusTest {

    @Test
    void shouldDrawTheSameMessagesForTheSameSeed() {
        List<SyntheticCorpus.Text> first = SyntheticCorpus.fromTrainingCorpus(Path.of("."), 7).take(200);
        List<SyntheticCorpus.Text> second = SyntheticCorpus.fromTrainingCorpus(Path.of("."), 7).take(200);
        assertEquals(first, second);
    }

    @Test
    void shouldKeepLengthsBetweenFiveAndSixtyWordsAndMixEveryVariety() {
        Map<SyntheticCorpus.Variety, Integer> counts = new EnumMap<>(SyntheticCorpus.Variety.class);
        for (SyntheticCorpus.Text text : SyntheticCorpus.fromTrainingCorpus(Path.of("."), 11).take(5_000)) {
            int words = text.text().split("\\s+").length;
            assertTrue(words >= SyntheticCorpus.MIN_WORDS && words <= SyntheticCorpus.MAX_WORDS, text.text());
            counts.merge(text.variety(), 1, Integer::sum);
        }
        assertEquals(SyntheticCorpus.Variety.values().length, counts.size());
        // Egyptian is drawn at 35 %, each of English and French at 10 %.
        assertTrue(counts.get(SyntheticCorpus.Variety.EGYPTIAN) > 3 * counts.get(SyntheticCorpus.Variety.FRENCH), counts.toString());
    }
}
