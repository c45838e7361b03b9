package org.bayan.rumor;

import org.bayan.classify.Category;
import org.bayan.classify.Classification;

/**
 * Which classified messages enter the rumor clusters, and how similar they must be to join one. A message the
 * model calls rumor, or one it gives at least {@link #candidateScore} rumor probability, joins the best open
 * cluster reaching {@link #threshold} or opens a new one; any other message only joins an open cluster reaching
 * {@link #otherCategoryThreshold} and never opens one. Its case keeps its category either way: an urgent
 * "they are kidnapping children in Faisal!" stays urgent and still counts towards the claim's cluster and spike.
 * <p>
 * Why a candidate score at all: on the labelled rumor files about a third of the messages about a claim are
 * classified urgent, cybercrime, traffic or other ("is this insulin fake?", "a fake checkpoint on the Ring Road,
 * can anyone confirm?"), and gating on the category alone left them out of their claim's cluster (see
 * {@code models/rumors/README.md} for the figures). The same rule serves the service ({@link RumorClustering})
 * and the evaluation ({@link ClusterEvaluation}), so the figure measured is the one the desk gets.
 *
 * @param threshold              similarity a rumor or rumor candidate needs to join; below it, it opens a cluster
 * @param otherCategoryThreshold similarity any other message needs to join; it never opens one
 * @param candidateScore         rumor probability from which a message of another category counts as a rumor here
 */
public record RumorGate(double threshold, double otherCategoryThreshold, double candidateScore) {

    /** Default of {@code bayan.rumor.other-category-threshold}; chosen on the tuning files (README there). */
    public static final double DEFAULT_OTHER_CATEGORY_THRESHOLD = 0.35;
    /** Default of {@code bayan.rumor.candidate-score}; chosen on the tuning files and the dev corpus (README there). */
    public static final double DEFAULT_CANDIDATE_SCORE = 0.2;

    /** The shipped defaults, as {@code application.properties} sets them. */
    public static final RumorGate DEFAULT = new RumorGate(ClaimClusterer.DEFAULT_THRESHOLD,
            DEFAULT_OTHER_CATEGORY_THRESHOLD, DEFAULT_CANDIDATE_SCORE);

    public RumorGate {
        check(threshold, "threshold");
        check(otherCategoryThreshold, "other-category threshold");
        if (!(candidateScore >= 0)) {
            // above 1 is allowed: no probability reaches it, so only messages classified rumor are clustered
            throw new IllegalArgumentException("candidate score must be 0 or more, got " + candidateScore);
        }
    }

    public static RumorGate of(RumorConfig config) {
        return new RumorGate(config.threshold(), config.otherCategoryThreshold(), config.candidateScore());
    }

    /** How a message may enter: the similarity it needs to join, and whether it opens a cluster when none is reached. */
    public record Entry(double joinAt, boolean mayOpen) {
    }

    public Entry entry(Classification classification) {
        return entry(classification.category(), classification.scores().getOrDefault(Category.RUMOR.id(), 0.0));
    }

    public Entry entry(String category, double rumorScore) {
        boolean candidate = Category.RUMOR.id().equals(category) || rumorScore >= candidateScore;
        return candidate ? new Entry(threshold, true) : new Entry(otherCategoryThreshold, false);
    }

    private static void check(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
