package org.bayan.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Prometheus meters of the inbound side: deliveries by endpoint and outcome, stored and duplicate messages. */
@ApplicationScoped
public class IngestMetrics {

    @Inject
    MeterRegistry registry;

    void delivery(String endpoint, String outcome) {
        Counter.builder("bayan.webhook.deliveries")
                .description("Webhook deliveries by endpoint and outcome")
                .tag("channel", endpoint).tag("outcome", outcome)
                .register(registry).increment();
    }

    void stored(Channel channel, int count) {
        Counter.builder("bayan.messages.stored")
                .description("Messages and events newly stored")
                .tag("channel", channel.id()).register(registry).increment(count);
    }

    void duplicates(Channel channel, int count) {
        Counter.builder("bayan.messages.duplicates")
                .description("Redelivered messages that stored nothing new")
                .tag("channel", channel.id()).register(registry).increment(count);
    }
}
