package org.bayan.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The processing worker that turns stored messages into classified, routed cases. */
@ConfigMapping(prefix = "bayan.processing")
public interface ProcessingConfig {

    /** Run the worker in this instance. Env: BAYAN_PROCESSING_ENABLED. */
    @WithDefault("true")
    boolean enabled();

    /** Messages claimed and processed per transaction. Env: BAYAN_PROCESSING_BATCH_SIZE. */
    @WithDefault("200")
    int batchSize();

    /** How long an idle worker waits before looking again (a new delivery wakes it at once). Env: BAYAN_PROCESSING_IDLE_POLL. */
    @WithDefault("PT0.5S")
    Duration idlePoll();

    /** Failed attempts after which a message is set aside as failed. Env: BAYAN_PROCESSING_MAX_ATTEMPTS. */
    @WithDefault("5")
    int maxAttempts();

    /** How often the backlog gauges and readiness data are measured. Env: BAYAN_PROCESSING_BACKLOG_REFRESH. */
    @WithDefault("5s")
    String backlogRefresh();

    /** How long shutdown waits for the batch in progress. Env: BAYAN_PROCESSING_DRAIN_TIMEOUT. */
    @WithDefault("PT20S")
    Duration drainTimeout();
}
