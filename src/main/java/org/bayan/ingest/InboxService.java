package org.bayan.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.common.StorageUnavailableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The durable inbox: stores a delivery's events in one transaction, skipping those already stored.
 * <p>
 * Deduplication is the database's job: {@code INSERT … ON CONFLICT DO NOTHING} against the unique
 * (channel, external_id) constraint, so two deliveries of one message racing on two threads (or two
 * instances) store it once. A batch that loses such a race to an uncommitted twin may fail instead of
 * waiting (H2 does this); it is retried once the twin has committed, when the conflict is a plain skip.
 */
@ApplicationScoped
public class InboxService {

    private static final int ATTEMPTS = 4;

    private static final String INSERT = """
            INSERT INTO message (channel, external_id, source, conversation_key, author_id, kind, event_type, body,
                                 sent_at, received_at, state, attempts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT DO NOTHING""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    IngestMetrics metrics;

    public WebhookIntake.Receipt store(List<InboundMessage> messages) {
        return store(messages, null);
    }

    /**
     * Stores messages that reached Bayan earlier than now (the demo data set's history): {@code receivedAt}
     * gives each message's arrival time, in the same order. They are committed together, so the processing
     * worker never sees one before its arrival time is set.
     */
    public WebhookIntake.Receipt storeArrived(List<InboundMessage> messages, List<Instant> receivedAt) {
        if (receivedAt.size() != messages.size()) {
            throw new IllegalArgumentException("one arrival time per message");
        }
        return store(messages, receivedAt);
    }

    private WebhookIntake.Receipt store(List<InboundMessage> messages, List<Instant> receivedAt) {
        if (messages.isEmpty()) {
            return new WebhookIntake.Receipt(0, 0, 0, 0);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                WebhookIntake.Receipt receipt = QuarkusTransaction.requiringNew().call(() -> insert(messages, receivedAt));
                return receipt;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    throw new StorageUnavailableException(describe(e), e);
                }
                Log.debugf("Storing a delivery failed (%s), attempt %d; retrying", describe(e), attempt);
                sleepQuietly(20L * attempt);
            }
        }
    }

    private WebhookIntake.Receipt insert(List<InboundMessage> messages, List<Instant> arrivals) throws SQLException {
        Instant now = clock.instant();
        OffsetDateTime receivedAt = now.atOffset(ZoneOffset.UTC);
        int[] counts;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < messages.size(); i++) {
                InboundMessage m = messages.get(i);
                insert.setString(1, m.channel().id());
                insert.setString(2, m.externalId());
                setNullable(insert, 3, m.source());
                insert.setString(4, m.conversationKey());
                setNullable(insert, 5, m.authorId());
                insert.setString(6, m.kind().id());
                insert.setString(7, m.eventType());
                setNullable(insert, 8, clean(m.text()));
                insert.setObject(9, (m.sentAt() == null ? now : m.sentAt()).atOffset(ZoneOffset.UTC));
                insert.setObject(10, arrivals == null ? receivedAt : arrivals.get(i).atOffset(ZoneOffset.UTC));
                insert.setString(11, (m.isWork() ? MessageState.PENDING : MessageState.IGNORED).id());
                insert.addBatch();
            }
            counts = insert.executeBatch();
        }
        int stored = 0;
        int work = 0;
        Map<Channel, int[]> perChannel = new EnumMap<>(Channel.class);
        for (int i = 0; i < counts.length; i++) {
            InboundMessage m = messages.get(i);
            int[] tally = perChannel.computeIfAbsent(m.channel(), c -> new int[2]);
            // SUCCESS_NO_INFO (-2) is never returned for single-row inserts by the PostgreSQL or H2 drivers.
            if (counts[i] > 0) {
                stored++;
                tally[0]++;
                if (m.isWork()) {
                    work++;
                }
            } else {
                tally[1]++;
            }
        }
        perChannel.forEach((channel, tally) -> {
            metrics.stored(channel, tally[0]);
            metrics.duplicates(channel, tally[1]);
        });
        return new WebhookIntake.Receipt(messages.size(), stored, messages.size() - stored, work);
    }

    /** NUL is legal in JSON strings but not in PostgreSQL text; it never carries meaning in a message. */
    private static String clean(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** Class and SQL state only: driver messages can quote the values of the row. */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        return cause instanceof SQLException sql
                ? cause.getClass().getSimpleName() + " SQLState " + sql.getSQLState()
                : cause.getClass().getSimpleName();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
