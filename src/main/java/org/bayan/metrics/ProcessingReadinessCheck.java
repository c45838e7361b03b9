package org.bayan.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.pipeline.ProcessingConfig;
import org.bayan.pipeline.ProcessingWorker;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the processing side: DOWN when this instance should process but its worker is not running.
 * The backlog is reported as data so an operator sees a growing queue before citizens do.
 * (The database itself is checked by the datasource's own readiness check.)
 */
@Readiness
@ApplicationScoped
public class ProcessingReadinessCheck implements HealthCheck {

    @Inject
    ProcessingWorker worker;

    @Inject
    ProcessingConfig config;

    @Inject
    BacklogMonitor backlog;

    @Override
    public HealthCheckResponse call() {
        BacklogMonitor.Backlog now = backlog.current();
        boolean up = !config.enabled() || worker.isRunning();
        return HealthCheckResponse.named("processing")
                .status(up)
                .withData("worker", config.enabled() ? (worker.isRunning() ? "running" : "stopped") : "disabled")
                .withData("backlog", now.pending())
                .withData("failed", now.failed())
                .withData("oldestPendingSeconds", Math.round(now.lagSeconds()))
                .build();
    }
}
