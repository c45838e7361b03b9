package org.bayan.search;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

/**
 * The product's {@link SearchIndex} and {@link SearchService} without Quarkus, for the benchmarks in
 * {@code org.bayan.bench}. What differs from the running service, and only this: the two injected fields of
 * each class are assigned here instead of by CDI (the data directory, a {@link SearchConfig} with the given
 * refresh and commit intervals, and the index the service reads), and no database identity is recorded in
 * commits. The writer, its analyzers, the document shape, the refresh thread, the query parser, filters,
 * facets and highlighting are the product's own code.
 */
public final class StandaloneSearch implements AutoCloseable {

    private final SearchIndex index = new SearchIndex();
    private final SearchService service = new SearchService();

    private StandaloneSearch(Path dataDir, Duration refreshInterval, Duration commitInterval) {
        index.dataDir = dataDir;
        index.config = new SearchConfig() {
            @Override
            public Duration refreshInterval() {
                return refreshInterval;
            }

            @Override
            public Duration commitInterval() {
                return commitInterval;
            }
        };
        index.open();
        service.index = index;
    }

    /** Opens (or creates) the index under {@code dataDir/index}, as the service does at start. */
    public static StandaloneSearch open(Path dataDir, Duration refreshInterval, Duration commitInterval) {
        return new StandaloneSearch(dataDir, refreshInterval, commitInterval);
    }

    /** {@link SearchIndex#index}: what the processing worker calls after each committed batch. */
    public void index(Collection<IndexedMessage> messages) {
        index.index(messages);
    }

    /** Makes everything indexed so far searchable now, without waiting for the refresh thread. */
    public void refreshNow() {
        index.refreshNow();
    }

    public int documentCount() {
        return index.documentCount();
    }

    /** What {@code GET /api/v1/search} runs once the resource has read its parameters. */
    public SearchService service() {
        return service;
    }

    /** The product's parse of a query text (classic syntax, four analyzed fields, AND by default). */
    public Query parse(String q) {
        return service.parse(q);
    }

    /** Field names of the index, for building queries equivalent to the product's. */
    public static String categoryField() {
        return SearchIndex.CATEGORY;
    }

    public static String receivedField() {
        return SearchIndex.RECEIVED;
    }

    /** Runs a function against a current searcher from the product's {@code SearcherManager}. */
    public <T> T withSearcher(SearcherFunction<T> function) {
        return index.withSearcher(function::apply);
    }

    /** A function of a searcher that may throw {@link IOException}. */
    public interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Stops the refresh thread, commits and closes, as at service shutdown. */
    @Override
    public void close() {
        index.close();
    }
}
