package org.bayan.rumor;

import java.time.Duration;

/**
 * The spike rule: a cluster spikes when its arrivals in the recent window reach both a minimum count and a
 * multiple of its previous rate, the rate read over a baseline period before the window and scaled to the
 * window's length. A cluster with no history has a previous rate of 0, so the minimum count alone decides:
 * ten tellings of a brand-new claim in fifteen minutes is what a spreading rumor looks like.
 */
public record SpikeRule(Duration window, Duration baseline, int minCount, double multiple) {

    public SpikeRule {
        if (window.isNegative() || window.isZero() || baseline.isNegative() || baseline.isZero()) {
            throw new IllegalArgumentException("spike window and baseline must be positive");
        }
        if (minCount < 1 || multiple <= 0) {
            throw new IllegalArgumentException("spike min-count must be at least 1 and multiple above 0");
        }
    }

    static SpikeRule of(RumorConfig.Spike config) {
        return new SpikeRule(config.window(), config.baseline(), config.minCount(), config.multiple());
    }

    /** Arrivals per window the baseline count stands for. */
    public double previousRate(int baselineCount) {
        return baselineCount * ((double) window.toMillis() / baseline.toMillis());
    }

    public boolean fires(int windowCount, int baselineCount) {
        return windowCount >= minCount && windowCount >= multiple * previousRate(baselineCount);
    }
}
