package org.bayan.classify;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The classifier as the service uses it: loads the newest model once (promoted models under the data
 * directory win over the bundled ones when newer), classifies with it, and swaps it atomically on reload —
 * calls in flight finish on the model they started with.
 */
@ApplicationScoped
public class ClassifierService {

    @Inject
    ClassifierConfig config;

    @ConfigProperty(name = "bayan.data-dir")
    Path dataDir;

    private volatile ClassificationEngine engine;
    private volatile Path loadedFrom;
    private volatile String loadError;
    private LanguageIdentifier languages;

    public record ModelInfo(String version, double urgentThreshold, double reviewThreshold, String location) {
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        try {
            reload();
        } catch (RuntimeException e) {
            // Readiness stays DOWN and says why; the rest of the service (webhooks) keeps taking messages.
            Log.errorf(e, "No loadable classification model: %s", e.getMessage());
        }
    }

    /** Folder where retraining writes promoted models (state Bayan writes lives under the data directory). */
    public Path promotedDir() {
        return dataDir.resolve("models");
    }

    /** Loads the newest model version found; returns what is loaded now. */
    public synchronized ModelInfo reload() {
        try {
            if (languages == null) {
                languages = new LanguageIdentifier();
            }
            Path dir = null;
            String version = null;
            for (Path candidate : List.of(promotedDir(), config.modelDir())) {
                Optional<String> latest = ModelEvaluator.latestVersion(candidate);
                if (latest.isPresent() && (version == null || latest.get().compareTo(version) > 0)) {
                    version = latest.get();
                    dir = candidate;
                }
            }
            if (version == null) {
                throw new IllegalStateException("no bayan-doccat-<version>.bin with its variety model in "
                        + promotedDir() + " or " + config.modelDir().toAbsolutePath());
            }
            CategorizerModel model = CategorizerModel.load(dir, version);
            engine = new ClassificationEngine(model, languages, config.reviewThreshold());
            loadedFrom = dir;
            loadError = null;
            Log.infof("Classification model %s loaded from %s (urgent threshold %.2f)", version, dir,
                    model.urgentThreshold());
            return info();
        } catch (IOException | RuntimeException e) {
            loadError = e.getMessage();
            Log.warnf(e, "Loading the classification model failed");
            throw new ModelUnavailableException("cannot load: " + e.getMessage());
        }
    }

    public boolean isReady() {
        return engine != null;
    }

    public Optional<String> loadError() {
        return Optional.ofNullable(loadError);
    }

    public ModelInfo info() {
        ClassificationEngine current = requireEngine();
        return new ModelInfo(current.model().version(), current.model().urgentThreshold(), config.reviewThreshold(),
                String.valueOf(loadedFrom));
    }

    public Classification classify(String text) {
        return requireEngine().classify(text);
    }

    /** The engine in use now, for callers that need one consistent model across several texts. */
    public ClassificationEngine engine() {
        return requireEngine();
    }

    LanguageIdentifier languages() {
        return languages;
    }

    private ClassificationEngine requireEngine() {
        ClassificationEngine current = engine;
        if (current == null) {
            throw new ModelUnavailableException(loadError == null ? "no model loaded" : loadError);
        }
        return current;
    }

    /** No model is loaded: answered with 503 by the API, and keeps messages pending in the worker. */
    public static class ModelUnavailableException extends org.bayan.common.ProblemException {
        public ModelUnavailableException(String reason) {
            super(503, "Service Unavailable", "No classification model is loaded (" + reason + ").", null);
        }
    }
}
