package org.bayan.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the live console hears: new cases and SLA warnings. It reads them from the database rather than from
 * in-process events, so a case another instance opened, or a breach another instance's evaluator recorded,
 * reaches every open console too. It polls only while someone is listening.
 */
@ApplicationScoped
public class LiveFeed {

    /** One server-sent event: its name ({@code case}, {@code sla}) and JSON body. */
    public record LiveEvent(String name, String json) {
    }

    private static final int MAX_PER_POLL = 50;

    @Inject
    ConsoleQueries queries;

    @Inject
    ObjectMapper json;

    private final BroadcastProcessor<LiveEvent> processor = BroadcastProcessor.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private volatile long lastCase = -1;
    private volatile long lastSlaEvent = -1;

    public Multi<LiveEvent> events() {
        return processor
                .onSubscription().invoke(() -> listeners.incrementAndGet())
                // termination covers completion, failure and the browser going away (cancellation)
                .onTermination().invoke(() -> listeners.decrementAndGet());
    }

    @Scheduled(every = "${bayan.console.live-poll:PT1S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        try {
            if (listeners.get() <= 0 || lastCase < 0) {
                // nobody listens: only keep up with where the tables are, so that a console that connects
                // now hears every case opened after it connected, and nothing older
                lastCase = queries.lastCaseId();
                lastSlaEvent = queries.lastSlaEventId();
                return;
            }
            for (ConsoleQueries.CaseRow row : queries.casesAfter(lastCase, MAX_PER_POLL)) {
                processor.onNext(new LiveEvent("case", json.writeValueAsString(ConsoleQueries.json(row))));
                lastCase = row.id();
            }
            for (ConsoleQueries.SlaWarning warning : queries.slaEventsAfter(lastSlaEvent, MAX_PER_POLL)) {
                processor.onNext(new LiveEvent("sla", json.writeValueAsString(Map.of("caseId", warning.caseId(),
                        "target", warning.target(), "kind", warning.kind(), "queue", String.valueOf(warning.queue())))));
                lastSlaEvent = warning.eventId();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            // the database may be briefly away; the next poll picks up from the same ids
            Log.debugf("live console poll failed: %s", e.getClass().getSimpleName());
        }
    }
}
