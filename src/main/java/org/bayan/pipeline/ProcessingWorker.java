package org.bayan.pipeline;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import org.bayan.classify.ClassifierService;
import org.bayan.ingest.MessagesStored;
import org.bayan.search.IndexedMessage;
import org.bayan.search.SearchIndex;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one background thread that drains the inbox. It sleeps until a delivery wakes it (or the idle poll
 * elapses), then processes batches until nothing is pending. It is stopped by a flag and joined, never
 * interrupted: an interrupt inside database or index I/O can leave resources closed for good.
 */
@ApplicationScoped
public class ProcessingWorker {

    @Inject
    ProcessingConfig config;

    @Inject
    MessageProcessor processor;

    @Inject
    ClassifierService classifier;

    @Inject
    SearchIndex searchIndex;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean nudged;
    private volatile boolean running;
    private volatile Thread thread;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Processing worker disabled (bayan.processing.enabled=false): stored messages stay pending");
            return;
        }
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    void onStored(@Observes MessagesStored event) {
        nudge();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::run, "bayan-processing");
        t.setDaemon(false);
        thread = t;
        t.start();
    }

    /** Finishes the batch in progress, then returns; waits at most the configured drain timeout. */
    public synchronized void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        nudge();
        try {
            t.join(config.drainTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            Log.warn("Processing worker still busy after the drain timeout; its batch will be redone after restart");
        } else {
            Log.info("Processing worker stopped");
        }
        thread = null;
    }

    public boolean isRunning() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    public void nudge() {
        lock.lock();
        try {
            nudged = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        Log.info("Processing worker started");
        while (running) {
            if (!classifier.isReady()) {
                // Without a model nothing can be processed; messages wait, pending, for a model reload.
                idle();
                continue;
            }
            int done;
            try {
                List<IndexedMessage> processed = processor.processBatch(config.batchSize());
                index(processed);
                done = processed.size();
            } catch (RuntimeException e) {
                if (lockNotGranted(e)) {
                    // a supervisor's change holds the clustering lock longer than the database waits: no message
                    // is at fault, so none is retried alone (each would wait as long, and count an attempt)
                    Log.warnf("A processing batch waited too long for a lock (%s); trying again", e.getClass().getSimpleName());
                    pause(1000);
                    continue;
                }
                Log.warnf("A processing batch failed (%s); retrying its messages one by one", e.getClass().getSimpleName());
                done = isolateFailures();
                if (done == 0) {
                    pause(1000);
                }
            }
            if (done == 0) {
                idle();
            }
        }
    }

    /** Processes pending messages one at a time so a single bad message cannot hold up the rest. */
    private int isolateFailures() {
        int done = 0;
        List<Long> ids;
        try {
            ids = processor.pendingIdsInNewTransaction(config.batchSize());
        } catch (RuntimeException e) {
            Log.warnf("Cannot read pending messages (%s)", e.getClass().getSimpleName());
            return 0;
        }
        for (Long id : ids) {
            if (!running) {
                break;
            }
            try {
                var processed = processor.processOne(id);
                if (processed.isPresent()) {
                    index(List.of(processed.get()));
                    done++;
                }
            } catch (RuntimeException e) {
                if (lockNotGranted(e)) {
                    Log.warnf("Processing message %d waited too long for a lock; the batch is tried again later", id);
                    break;
                }
                Log.warnf(e, "Processing message %d failed", id);
                try {
                    processor.recordFailure(id, e);
                } catch (RuntimeException again) {
                    Log.warnf("Cannot record the failure of message %d (%s)", id, again.getClass().getSimpleName());
                }
            }
        }
        return done;
    }

    /** Whether the failure is a lock the database did not grant in time (H2's lock timeout, a deadlock victim). */
    private static boolean lockNotGranted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LockTimeoutException || t instanceof PessimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Indexes what a committed transaction processed. A failure here loses nothing: the database has it, and
     * the index catches up from the database at the next start (or on an admin rebuild).
     */
    private void index(List<IndexedMessage> processed) {
        if (processed.isEmpty()) {
            return;
        }
        try {
            searchIndex.index(processed);
        } catch (RuntimeException e) {
            Log.warnf("Indexing %d processed messages failed (%s); the index will catch up from the database",
                    processed.size(), e.getClass().getSimpleName());
        }
    }

    private void idle() {
        lock.lock();
        try {
            if (!nudged && running) {
                wake.await(config.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
            }
            nudged = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void pause(long millis) {
        lock.lock();
        try {
            if (running) {
                wake.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
