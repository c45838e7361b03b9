package org.bayan.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The search index: how fresh searches are and how often the index is made durable. */
@ConfigMapping(prefix = "bayan.search")
public interface SearchConfig {

    /** New and updated messages become searchable within this time. Env: BAYAN_SEARCH_REFRESH_INTERVAL. */
    @WithDefault("PT0.5S")
    Duration refreshInterval();

    /**
     * How often the index is committed to disk. Between commits a crash loses nothing: the start-up
     * catch-up re-indexes from the database. Env: BAYAN_SEARCH_COMMIT_INTERVAL.
     */
    @WithDefault("PT10S")
    Duration commitInterval();
}
