package org.bayan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What claiming a batch of pending messages costs on H2 as the backlog grows, the processing worker's two ways:
 * one {@code FOR UPDATE SKIP LOCKED} query with a limit (H2 locks every matching row before it applies the limit),
 * and the first pending ids read in index order, then that id range locked ({@code MessageProcessor#claimOnH2}).
 * A table shaped as {@code message} (state, id index), a tenth of it processed; the median of 5 claims, each
 * rolled back.
 * <pre>
 * ./mvnw -B -ntp -q -Pbench test-compile exec:exec -Dbench.main=org.bayan.bench.H2ClaimBenchmark -Dbench.args="5000 50000"
 * </pre>
 */
public final class H2ClaimBenchmark {

    private static final int BATCH = 200;
    private static final int RUNS = 5;

    private H2ClaimBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bayan-h2-claim");
        System.out.println("| messages | pending | one locking query, ms | ids then range, ms |");
        System.out.println("|---|---|---|---|");
        for (String arg : args.length == 0 ? new String[]{"5000", "50000"} : args) {
            int messages = Integer.parseInt(arg);
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("claim-" + messages)
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")) {
                fill(c, messages);
                c.setAutoCommit(false);
                double locking = median(c, () -> ids(c, "SELECT id FROM message WHERE state = 'pending' ORDER BY id LIMIT "
                        + BATCH + " FOR UPDATE SKIP LOCKED"));
                double range = median(c, () -> {
                    List<Long> first = ids(c, "SELECT id FROM message WHERE state = 'pending' ORDER BY state, id LIMIT " + BATCH);
                    return ids(c, "SELECT id FROM message WHERE state = 'pending' AND id BETWEEN " + first.get(0) + " AND "
                            + first.get(first.size() - 1) + " ORDER BY state, id FOR UPDATE");
                });
                System.out.printf("| %,d | %,d | %.1f | %.1f |%n", messages, messages - messages / 10, locking, range);
            }
        }
    }

    private static void fill(Connection c, int messages) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS message");
            s.execute("CREATE TABLE message (id BIGINT PRIMARY KEY, state VARCHAR(16) NOT NULL, body VARCHAR(2000))");
            s.execute("CREATE INDEX ix_message_state_id ON message (state, id)");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO message VALUES (?, ?, ?)")) {
            for (int i = 0; i < messages; i++) {
                insert.setLong(1, i);
                insert.setString(2, i < messages / 10 ? "processed" : "pending");
                insert.setString(3, "a message of about the length citizens write, ".repeat(4));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private interface Claim {
        List<Long> run() throws SQLException;
    }

    private static double median(Connection c, Claim claim) throws SQLException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            int claimed = claim.run().size();
            millis.add((System.nanoTime() - start) / 1e6);
            c.rollback();
            if (claimed != BATCH) {
                throw new IllegalStateException("claimed " + claimed + " rows, not " + BATCH);
            }
        }
        millis.sort(Double::compare);
        return millis.get(RUNS / 2);
    }

    private static List<Long> ids(Connection c, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
