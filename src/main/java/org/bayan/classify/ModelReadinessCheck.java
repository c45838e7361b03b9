package org.bayan.classify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Bayan is not ready without a loadable model: every message would stay unclassified. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    @Inject
    ClassifierService classifier;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("classification-model");
        if (classifier.isReady()) {
            return builder.up().withData("version", classifier.info().version()).build();
        }
        return builder.down().withData("error", classifier.loadError().orElse("not loaded")).build();
    }
}
