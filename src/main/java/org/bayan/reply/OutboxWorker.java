package org.bayan.reply;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sends due outbox rows, one transaction per row holding that row's lock while its request is in flight, so
 * two instances never send one row at the same time. Failures are retried with exponential backoff and
 * dead-lettered after the configured attempts; the reason stays on the row for the case view.
 * <p>
 * Retries are kept in the database (attempts, next_attempt_at) rather than in an in-memory retry policy:
 * a reply must survive a restart between two attempts.
 * <p>
 * Delivery is at least once: a crash after the receiver accepted a request but before the commit sends
 * that row again. Generic callbacks, forwards and alerts carry an {@code Idempotency-Key} so receivers drop
 * the repeat; the Meta and Telegram APIs have no such key.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final int BATCH = 50;

    @Inject
    EntityManager em;

    @Inject
    ReplyConfig config;

    @Inject
    ChannelRequests requests;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    Event<ForwardUnacknowledged> unacknowledged;

    private HttpClient http;

    @jakarta.annotation.PostConstruct
    void createClient() {
        http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(every = "${bayan.reply.poll-interval:PT1S}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.enabled()) {
            return;
        }
        try {
            drain();
            escalateUnacknowledgedForwards();
        } catch (RuntimeException e) {
            Log.warnf("Outbox run failed (%s); it runs again at the next interval", e.getClass().getSimpleName());
        }
    }

    /** Sends every row that is due now; returns how many were attempted. */
    public int drain() {
        int attempted = 0;
        List<Long> due;
        do {
            due = dueIds();
            for (Long id : due) {
                if (deliver(id)) {
                    attempted++;
                }
            }
        } while (due.size() == BATCH);
        return attempted;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    List<Long> dueIds() {
        return ((List<Number>) em.createNativeQuery(
                        "SELECT id FROM outbound WHERE status = 'pending' AND next_attempt_at <= ?1 ORDER BY id")
                .setParameter(1, clock.instant()).setMaxResults(BATCH).getResultList())
                .stream().map(Number::longValue).toList();
    }

    /** One attempt at one row; false when another worker holds it or it is no longer due. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean deliver(long id) {
        @SuppressWarnings("unchecked")
        List<Number> locked = em.createNativeQuery(
                        "SELECT id FROM outbound WHERE id = ?1 AND status = 'pending' FOR UPDATE SKIP LOCKED")
                .setParameter(1, id).getResultList();
        if (locked.isEmpty()) {
            return false;
        }
        OutboundMessage row = em.find(OutboundMessage.class, id, LockModeType.NONE);
        Optional<ChannelRequests.Request> request = requests.build(row);
        Instant now = clock.instant();
        if (request.isEmpty()) {
            row.status = OutboundStatus.NOT_CONFIGURED.id();
            row.lastError = "not sent: channel not configured";
            return true;
        }
        row.attempts++;
        String failure;
        boolean permanent = false;
        try {
            HttpResponse<String> response = send(request.get());
            int status = response.statusCode();
            if (status / 100 == 2) {
                row.status = OutboundStatus.SENT.id();
                row.sentAt = clock.instant();
                row.providerId = requests.providerId(response.body());
                row.lastError = null;
                row.nextAttemptAt = null;
                registry.counter("bayan.outbound.sent", "kind", row.kind, "channel", row.channel).increment();
                Log.infof("Outbound %s %d for case %s delivered (attempt %d)", row.kind, row.id, row.caseId, row.attempts);
                return true;
            }
            // A refusal that no retry can change (bad token, unknown recipient) is dead at once.
            permanent = status / 100 == 4 && status != 408 && status != 429;
            failure = "HTTP " + status + " from the receiver";
        } catch (IOException e) {
            failure = "no answer from the receiver (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        row.lastError = failure;
        if (permanent || row.attempts >= config.maxAttempts()) {
            row.status = OutboundStatus.DEAD.id();
            row.nextAttemptAt = null;
            row.lastError = "dead-lettered after " + row.attempts + " attempt(s): " + failure;
            registry.counter("bayan.outbound.dead", "kind", row.kind, "channel", row.channel).increment();
            Log.warnf("Outbound %s %d for case %s dead-lettered: %s", row.kind, row.id, row.caseId, failure);
        } else {
            row.nextAttemptAt = now.plus(backoff(row.attempts));
            Log.infof("Outbound %s %d for case %s failed (attempt %d): %s; next try at %s", row.kind, row.id,
                    row.caseId, row.attempts, failure, row.nextAttemptAt);
        }
        return true;
    }

    /** Exponential: backoff, 2×, 4× … capped at the maximum. */
    Duration backoff(int attempts) {
        Duration wait = config.backoff().multipliedBy(1L << Math.min(20, attempts - 1));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** Forwards the authority has not acknowledged in time escalate their case, once. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int escalateUnacknowledgedForwards() {
        List<OutboundMessage> late = OutboundMessage.list(
                "kind = ?1 and acknowledgedAt is null and escalated = false and escalateAt <= ?2",
                OutboundMessage.FORWARD, clock.instant());
        for (OutboundMessage row : late) {
            row.escalated = true;
            unacknowledged.fire(new ForwardUnacknowledged(row.caseId, row.id));
            Log.infof("Forward %d of case %d not acknowledged in time; case escalated", row.id, row.caseId);
        }
        return late.size();
    }

    private HttpResponse<String> send(ChannelRequests.Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(config.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
