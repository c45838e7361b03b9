package org.bayan.search;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The one owner of the Lucene index under {@code BAYAN_DATA_DIR/index}: the only {@link IndexWriter}, readers
 * through a {@link SearcherManager}, refreshed on time by one thread (not per document: refreshing per
 * document halves indexing throughput), committed every few seconds with the point it has caught up to.
 * <p>
 * The database is the source of truth; the index is derived. A missing or unreadable index is recreated
 * empty and rebuilt from the database ({@link IndexMaintenance}). Nothing here is ever interrupted: an
 * interrupt inside Lucene I/O closes the writer for good, so the refresher stops by flag and join.
 */
@ApplicationScoped
public class SearchIndex {

    static final String ID = "id";
    static final String CASE_ID = "case_id";
    static final String CHANNEL = "channel";
    static final String LANGUAGE = "language";
    static final String VARIETY = "variety";
    static final String CATEGORY = "category";
    static final String QUEUE = "queue";
    static final String STATUS = "status";
    static final String CLUSTER = "cluster";
    static final String RECEIVED = "received";
    static final String CAUGHT_UP_TO = "bayan.caughtUpTo";
    /** The identity of the database the index was built from (see {@code database_identity}). */
    static final String DATABASE = "bayan.database";

    @Inject
    SearchConfig config;

    @ConfigProperty(name = "bayan.data-dir")
    Path dataDir;

    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private Thread refresher;
    private volatile boolean running;
    private volatile boolean recreated;
    /** Highest processing time (epoch ms) of the messages indexed since start; goes into the commit. */
    private final AtomicLong caughtUpTo = new AtomicLong();
    private volatile String database;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        open();
    }

    // After the processing worker (default priority) has drained: it indexes its last batch.
    void onStop(@Observes @Priority(5000) ShutdownEvent event) {
        close();
    }

    synchronized void open() {
        Path path = dataDir.resolve("index");
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            try {
                writer = newWriter(directory);
                if (DirectoryReader.indexExists(directory)) {
                    // Opening a reader checks the segments can actually be read.
                    DirectoryReader.open(writer).close();
                }
            } catch (IOException | RuntimeException corrupt) {
                Log.warnf("The search index at %s cannot be read (%s); recreating it from the database", path,
                        corrupt.getClass().getSimpleName());
                closeQuietly();
                deleteRecursively(path);
                Files.createDirectories(path);
                directory = FSDirectory.open(path);
                writer = newWriter(directory);
                recreated = true;
            }
            if (!DirectoryReader.indexExists(directory)) {
                recreated = true;
                writer.commit();
            }
            Map<String, String> userData = committedUserData();
            caughtUpTo.set(Long.parseLong(userData.getOrDefault(CAUGHT_UP_TO, "0")));
            searchers = new SearcherManager(writer, null);
            running = true;
            refresher = new Thread(this::refreshLoop, "bayan-index-refresh");
            refresher.setDaemon(true);
            refresher.start();
            Log.infof("Search index open at %s (%d documents)", path, writer.getDocStats().numDocs);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index at " + path, e);
        }
    }

    /** True when the index was missing or unreadable at start and must be rebuilt from the database. */
    boolean wasRecreated() {
        return recreated;
    }

    /** The database identity in the last commit; null for an index from before identities were recorded. */
    String committedDatabase() {
        try {
            return committedUserData().get(DATABASE);
        } catch (IOException e) {
            return null;
        }
    }

    /** The database identity the next commits record. */
    void database(String identity) {
        this.database = identity;
    }

    /** Epoch millis of the newest processing time known to be in the last commit. */
    long committedCaughtUpTo() {
        try {
            return Long.parseLong(committedUserData().getOrDefault(CAUGHT_UP_TO, "0"));
        } catch (IOException e) {
            return 0;
        }
    }

    /** Adds or replaces the messages (by id): safe to repeat, which is what makes catch-up simple. */
    public void index(Collection<IndexedMessage> messages) {
        try {
            long newest = 0;
            for (IndexedMessage message : messages) {
                writer.updateDocument(new Term(ID, Long.toString(message.id())), toDocument(message));
                if (message.processedAt() != null) {
                    newest = Math.max(newest, message.processedAt().toEpochMilli());
                }
            }
            final long seen = newest;
            caughtUpTo.accumulateAndGet(seen, Math::max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteAll() throws IOException {
        writer.deleteAll();
        caughtUpTo.set(0);
    }

    /** Makes everything indexed so far searchable now (tests and rebuilds; normal operation refreshes on time). */
    public void refreshNow() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void commit() throws IOException {
        if (writer.hasUncommittedChanges()) {
            Map<String, String> userData = new HashMap<>();
            userData.put(CAUGHT_UP_TO, Long.toString(caughtUpTo.get()));
            if (database != null) {
                userData.put(DATABASE, database);
            }
            writer.setLiveCommitData(userData.entrySet());
            writer.commit();
        }
    }

    /** Runs a search against a current searcher, released afterwards. */
    <T> T withSearcher(SearcherFunction<T> function) {
        IndexSearcher searcher = null;
        try {
            searcher = searchers.acquire();
            return function.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (searcher != null) {
                try {
                    searchers.release(searcher);
                } catch (IOException ignored) {
                    // releasing a reference cannot meaningfully fail here
                }
            }
        }
    }

    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    int documentCount() {
        return writer.getDocStats().numDocs;
    }

    private void refreshLoop() {
        long lastCommit = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(config.refreshInterval().toMillis());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread on purpose; keep going until the flag says stop.
                Thread.interrupted();
            }
            try {
                searchers.maybeRefresh();
                if (System.nanoTime() - lastCommit >= config.commitInterval().toNanos()) {
                    commit();
                    lastCommit = System.nanoTime();
                }
            } catch (IOException | RuntimeException e) {
                Log.warnf("Index refresh failed: %s", e.getClass().getSimpleName());
            }
        }
    }

    synchronized void close() {
        running = false;
        Thread t = refresher;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (writer != null && writer.isOpen()) {
                commit();
            }
        } catch (IOException e) {
            Log.warnf("Final index commit failed: %s", e.getClass().getSimpleName());
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (searchers != null) {
                searchers.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing a broken writer
        }
        try {
            if (directory != null) {
                directory.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        searchers = null;
        writer = null;
        directory = null;
    }

    private Map<String, String> committedUserData() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return Map.of();
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.getIndexCommit().getUserData();
        }
    }

    private static IndexWriter newWriter(Directory directory) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.perField());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setRAMBufferSizeMB(32);
        return new IndexWriter(directory, config);
    }

    static Document toDocument(IndexedMessage m) {
        Document doc = new Document();
        // StringField: not tokenized, used for updates by id and exact filters.
        doc.add(new StringField(ID, Long.toString(m.id()), Field.Store.YES));
        if (m.caseId() != null) {
            doc.add(new StoredField(CASE_ID, m.caseId()));
        }
        String text = m.text() == null ? "" : m.text();
        // The stored text feeds highlighted excerpts and more-like-this.
        doc.add(new TextField(Analyzers.TEXT, text, Field.Store.YES));
        doc.add(new TextField(Analyzers.TEXT_AR, text, Field.Store.NO));
        if (!"fr".equals(m.language())) {
            doc.add(new TextField(Analyzers.TEXT_EN, text, Field.Store.NO));
        }
        if (!"en".equals(m.language())) {
            doc.add(new TextField(Analyzers.TEXT_FR, text, Field.Store.NO));
        }
        keyword(doc, CHANNEL, m.channel());
        keyword(doc, LANGUAGE, m.language());
        keyword(doc, VARIETY, m.variety());
        keyword(doc, CATEGORY, m.category());
        keyword(doc, QUEUE, m.queue());
        keyword(doc, STATUS, m.status());
        keyword(doc, CLUSTER, m.clusterId() == null ? null : m.clusterId().toString());
        long received = m.receivedAt().toEpochMilli();
        doc.add(new LongPoint(RECEIVED, received));
        doc.add(new NumericDocValuesField(RECEIVED, received));
        doc.add(new StoredField(RECEIVED, received));
        return doc;
    }

    /** Exact filter, stored value and doc values for facet counting. */
    private static void keyword(Document doc, String field, String value) {
        if (value == null) {
            return;
        }
        doc.add(new StringField(field, value, Field.Store.YES));
        doc.add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
