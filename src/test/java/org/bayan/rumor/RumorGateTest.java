package org.bayan.rumor;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RumorGateTest {

    private final RumorGate gate = new RumorGate(0.25, 0.35, 0.2);

    @Test
    void rumorJoinsAtTheRumorThresholdOrOpensACluster() {
        RumorGate.Entry entry = gate.entry("rumor", 0.9);
        assertEquals(0.25, entry.joinAt());
        assertTrue(entry.mayOpen());
    }

    @Test
    void messageOfAnotherCategoryWithEnoughRumorProbabilityIsClusteredLikeARumor() {
        RumorGate.Entry entry = gate.entry("urgent", 0.2);
        assertEquals(0.25, entry.joinAt());
        assertTrue(entry.mayOpen());
    }

    @Test
    void messageOfAnotherCategoryBelowTheCandidateScoreOnlyJoinsAClearlySameClaim() {
        RumorGate.Entry entry = gate.entry("urgent", 0.19);
        assertEquals(0.35, entry.joinAt());
        assertFalse(entry.mayOpen());
    }

    @Test
    void candidateScoreAboveOneClustersOnlyMessagesClassifiedRumor() {
        RumorGate categoryOnly = new RumorGate(0.25, 0.35, 1.5);
        assertFalse(categoryOnly.entry("cybercrime", 1.0).mayOpen());
        assertTrue(categoryOnly.entry("rumor", 0.3).mayOpen());
    }

    /** rumor-eval measures {@link RumorGate#DEFAULT}: it must be what the service is configured with. */
    @Test
    void defaultGateIsTheOneTheServiceIsConfiguredWith() throws Exception {
        Properties shipped = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            shipped.load(in);
        }
        assertEquals(Double.parseDouble(shipped.getProperty("bayan.rumor.threshold")), RumorGate.DEFAULT.threshold());
        assertEquals(Double.parseDouble(shipped.getProperty("bayan.rumor.other-category-threshold")),
                RumorGate.DEFAULT.otherCategoryThreshold());
        assertEquals(Double.parseDouble(shipped.getProperty("bayan.rumor.candidate-score")),
                RumorGate.DEFAULT.candidateScore());
    }

    @Test
    void thresholdsOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RumorGate(1.2, 0.35, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new RumorGate(0.25, -0.1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new RumorGate(0.25, 0.35, Double.NaN));
    }
}
