package org.bayan.rumor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Rumor desk settings ({@code bayan.rumor.*}): clustering thresholds, the clarification clock, spike rule. */
@ConfigMapping(prefix = "bayan.rumor")
public interface RumorConfig {

    /**
     * Similarity a rumor message needs to join an open cluster; below it the message opens a new cluster. Two
     * open clusters whose members are this similar on average are merged. Defaults to
     * {@link ClaimClusterer#DEFAULT_THRESHOLD} (see there for how it was chosen).
     */
    @WithDefault("0.18")
    double threshold();

    /**
     * Similarity a message of another category (and under {@link #candidateScore()}) needs to join an open cluster
     * anyway: someone repeating the claim as a statement, or asking it as a "procedure" question. Such a message
     * never opens a cluster. Defaults to {@link RumorGate#DEFAULT_OTHER_CATEGORY_THRESHOLD}; 0.6 until the desk's
     * own path was measured, which kept a third of a claim's messages out of its cluster.
     */
    @WithDefault("0.35")
    double otherCategoryThreshold();

    /**
     * Rumor probability from which a message the model put in another category is still clustered like a rumor
     * (joins at {@link #threshold()} or opens a cluster); its case keeps its category. Defaults to
     * {@link RumorGate#DEFAULT_CANDIDATE_SCORE}; set above 1 to cluster only messages classified rumor.
     */
    @WithDefault("0.2")
    double candidateScore();

    /**
     * How long a message that joined no cluster is held in case a cluster forms later that it belongs to (it is
     * then taken in at {@link #otherCategoryThreshold()}). Held in memory by the instance that processed it and
     * read back from the database after a restart. {@code PT0S} turns late joining off. Defaults to 6 hours.
     */
    @WithDefault("PT6H")
    Duration lateJoinWindow();

    /** At most this many messages are held at once per instance (the oldest go first). Defaults to 10,000. */
    @WithDefault("10000")
    int lateJoinMax();

    /**
     * Lowest average similarity at which another open cluster is listed as possibly the same claim on a cluster's
     * page, for a supervisor to merge by hand (clusters at {@link #threshold()} are merged automatically unless a
     * supervisor has shaped one of them). Defaults to {@link ClaimClusterer#RELATED_MINIMUM}, chosen with
     * {@code rumor-eval} (models/rumors/README.md).
     */
    @WithDefault("0.04")
    double relatedMinimum();

    /** At most this many clusters are listed as possibly the same claim. Defaults to {@link ClaimClusterer#RELATED_LIMIT}. */
    @WithDefault("5")
    int relatedLimit();

    /** A cluster without new messages for this long stops attracting new ones (it stays listed). Defaults to 14 days. */
    @WithDefault("P14D")
    Duration idleAfter();

    /** Target from a cluster's first message to its published clarification. Defaults to 60 minutes. */
    @WithDefault("PT60M")
    Duration clarificationTarget();

    /**
     * Whether delivering a clarification resolves a case whose category is rumor (the clarification is the
     * answer). Cases of other categories only get the reply. Defaults to true.
     */
    @WithDefault("true")
    boolean clarificationResolves();

    Spike spike();

    interface Spike {

        /** The recent window whose arrivals are counted. Defaults to 15 minutes. */
        @WithDefault("PT15M")
        Duration window();

        /** The period before the window whose arrivals give the cluster's previous rate. Defaults to 60 minutes. */
        @WithDefault("PT60M")
        Duration baseline();

        /** Arrivals in the window needed for a spike. Defaults to 10. */
        @WithDefault("10")
        int minCount();

        /** How many times the previous rate (per window) the window's arrivals must reach. Defaults to 3. */
        @WithDefault("3")
        double multiple();

        /** Priority the cluster's open cases are raised to (never lowered). Defaults to P1. */
        @WithDefault("P1")
        String priority();
    }
}
