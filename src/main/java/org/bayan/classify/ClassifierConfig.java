package org.bayan.classify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** Where the classifier's model and corpus live, and how sure it must be to skip review. */
@ConfigMapping(prefix = "bayan.classify")
public interface ClassifierConfig {

    /** Folder of the bundled models ({@code bayan-doccat-<version>.bin}). Env: BAYAN_CLASSIFY_MODEL_DIR. */
    @WithDefault("models")
    Path modelDir();

    /** Folder with {@code train/} and {@code dev/} used by retraining. Env: BAYAN_CLASSIFY_TRAINING_DIR. */
    @WithDefault("models/training")
    Path trainingDir();

    /**
     * Below this confidence a (non-urgent) classification is flagged {@code needsReview} and routed to the
     * review queue. Env: BAYAN_CLASSIFY_REVIEW_THRESHOLD.
     */
    @WithDefault("0.5")
    double reviewThreshold();
}
