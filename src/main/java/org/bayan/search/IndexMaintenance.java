package org.bayan.search;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bayan.common.ProblemException;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the index in step with the database: catches up at start-up from the point recorded in the last
 * commit (a minute of overlap: re-indexing is idempotent), rebuilds everything when the index was missing,
 * unreadable or built from another database, and rebuilds on an admin's request, reporting progress.
 */
@ApplicationScoped
public class IndexMaintenance {

    static final int BATCH = 1000;
    static final long OVERLAP_MILLIS = 60_000;

    @Inject
    SearchIndex index;

    @Inject
    IndexSource source;

    @Inject
    Clock clock;

    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Progress progress = new Progress("idle", 0, 0, null, null);

    /** Where a catch-up or rebuild stands. */
    public record Progress(String state, long indexed, long total, Instant startedAt, Instant finishedAt) {
    }

    void onStart(@Observes @Priority(30) StartupEvent event) {
        String database = source.databaseIdentity();
        boolean otherDatabase = !database.equals(index.committedDatabase());
        if (otherDatabase && !index.wasRecreated()) {
            Log.infof("The search index was built from another database (or before it recorded one); rebuilding it");
        }
        index.database(database);
        boolean full = index.wasRecreated() || otherDatabase;
        long since = index.committedCaughtUpTo();
        start(full ? "rebuilding" : "catching-up", full ? null : Instant.ofEpochMilli(Math.max(0, since - OVERLAP_MILLIS)));
    }

    /** Starts a full rebuild in the background; 409 when one is already running. */
    public Progress rebuild() {
        if (!start("rebuilding", null)) {
            throw ProblemException.conflict("an index rebuild or catch-up is already running");
        }
        return progress;
    }

    public Progress progress() {
        return progress;
    }

    public int documents() {
        return index.documentCount();
    }

    private boolean start(String state, Instant processedSince) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        Thread thread = new Thread(() -> run(state, processedSince), "bayan-index-" + state);
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private void run(String state, Instant processedSince) {
        Instant started = clock.instant();
        try {
            long total = processedSince == null ? source.countProcessed() : -1;
            progress = new Progress(state, 0, total, started, null);
            if (processedSince == null) {
                index.deleteAll();
            }
            long indexed = 0;
            long after = 0;
            while (true) {
                List<IndexedMessage> page = source.page(after, processedSince, BATCH);
                if (page.isEmpty()) {
                    break;
                }
                index.index(page);
                indexed += page.size();
                after = page.get(page.size() - 1).id();
                progress = new Progress(state, indexed, total, started, null);
            }
            index.commit();
            index.refreshNow();
            progress = new Progress("done", indexed, total < 0 ? indexed : total, started, clock.instant());
            Log.infof("Search index %s finished: %d messages indexed", state, indexed);
        } catch (IOException | RuntimeException e) {
            progress = new Progress("failed: " + e.getClass().getSimpleName(), progress.indexed(), progress.total(),
                    started, clock.instant());
            Log.warnf("Search index %s failed: %s", state, e.getClass().getSimpleName());
        } finally {
            busy.set(false);
        }
    }
}
