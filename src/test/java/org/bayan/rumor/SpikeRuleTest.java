package org.bayan.rumor;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpikeRuleTest {

    private final SpikeRule rule = new SpikeRule(Duration.ofMinutes(15), Duration.ofMinutes(60), 10, 3);

    @Test
    void newClaimSpikesAtTheMinimumCount() {
        assertFalse(rule.fires(9, 0));
        assertTrue(rule.fires(10, 0));
    }

    @Test
    void busyClaimMustTripleItsPreviousRate() {
        // 16 in the previous hour is 4 per 15 minutes: 12 are needed, the minimum of 10 is not enough
        assertEquals(4.0, rule.previousRate(16), 1e-9);
        assertFalse(rule.fires(11, 16));
        assertTrue(rule.fires(12, 16));
    }

    @Test
    void quietBaselineLeavesTheMinimumInCharge() {
        // 4 in the previous hour is 1 per 15 minutes: 3 would triple it, but 10 are still needed
        assertFalse(rule.fires(9, 4));
        assertTrue(rule.fires(10, 4));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpikeRule(Duration.ZERO, Duration.ofMinutes(60), 10, 3));
        assertThrows(IllegalArgumentException.class, () -> new SpikeRule(Duration.ofMinutes(15), Duration.ofMinutes(60), 0, 3));
    }
}
