package org.bayan.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.bayan.common.SqlValues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Measures the processing backlog and the open cases per queue a few times a minute and publishes it as gauges and to readiness.
 * Scrapes and health probes read the cached figures: they never hit the database themselves.
 */
@ApplicationScoped
public class BacklogMonitor {

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private volatile long pending;
    private volatile long failed;
    private volatile double lagSeconds;
    private volatile Instant measuredAt;
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> queueBacklog =
            new java.util.concurrent.ConcurrentHashMap<>();

    public record Backlog(long pending, long failed, double lagSeconds, Instant measuredAt) {
    }

    @PostConstruct
    void register() {
        Gauge.builder("bayan.processing.backlog", this, m -> m.pending)
                .description("Stored messages not yet processed").register(registry);
        Gauge.builder("bayan.processing.failed", this, m -> m.failed)
                .description("Messages set aside after repeated processing failures").register(registry);
        Gauge.builder("bayan.processing.lag.seconds", this, m -> m.lagSeconds)
                .description("Age of the oldest pending message").register(registry);
    }

    @Scheduled(every = "${bayan.processing.backlog-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void refresh() {
        try {
            Object[] row = (Object[]) em.createNativeQuery(
                            "SELECT COUNT(*), MIN(received_at) FROM message WHERE state = 'pending'")
                    .getSingleResult();
            pending = ((Number) row[0]).longValue();
            Instant oldest = SqlValues.instant(row[1]);
            Instant now = clock.instant();
            lagSeconds = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
            failed = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM message WHERE state = 'failed'")
                    .getSingleResult()).longValue();
            @SuppressWarnings("unchecked")
            java.util.List<Object[]> queues = em.createNativeQuery(
                    "SELECT queue, COUNT(*) FROM support_case WHERE status <> 'resolved' AND queue IS NOT NULL GROUP BY queue")
                    .getResultList();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Object[] q : queues) {
                seen.add((String) q[0]);
                queueGauge((String) q[0]).set(((Number) q[1]).longValue());
            }
            queueBacklog.forEach((queue, value) -> {
                if (!seen.contains(queue)) {
                    value.set(0);
                }
            });
            measuredAt = now;
        } catch (RuntimeException e) {
            Log.debugf("Backlog not measured: %s", e.getClass().getSimpleName());
        }
    }

    private java.util.concurrent.atomic.AtomicLong queueGauge(String queue) {
        return queueBacklog.computeIfAbsent(queue, q -> {
            var value = new java.util.concurrent.atomic.AtomicLong();
            Gauge.builder("bayan.queue.backlog", value, java.util.concurrent.atomic.AtomicLong::get)
                    .description("Open cases in the queue").tag("queue", q).register(registry);
            return value;
        });
    }

    public Backlog current() {
        return new Backlog(pending, failed, lagSeconds, measuredAt);
    }
}
