package org.bayan.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP load benchmark: starts the packaged service as a child process (fresh data directory; on
 * PostgreSQL a fresh database), posts signed generic webhooks at fixed offered rates and then at maximum
 * throughput, and reports per step: acknowledgment latency, sustained acknowledged and processed throughput,
 * the backlog at the end of the step, end-to-end latency acknowledgment → processed (from the database) and
 * → searchable (a search probe on a sample), service CPU and peak heap. A Flight Recording of the
 * max-throughput step is summarised next to the table.
 * <p>
 * Run with {@code src/bench/load.sh} (builds the H2 and the PostgreSQL packages, then runs both), or by hand:
 * <pre>
 * ./mvnw -B -ntp -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-cp %classpath org.bayan.bench.LoadBenchmark --db h2 --app target/bench/app-h2"
 * </pre>
 * Options: {@code --db h2|postgresql}, {@code --app DIR} (a quarkus-app directory built for that database),
 * {@code --full} (60 s per step instead of 10), {@code --seconds N}, {@code --rates 250,500,1000,2000},
 * {@code --senders N} (closed-loop senders of the max step), {@code --pg-url}, {@code --pg-user},
 * {@code --pg-password}, {@code --seed}, {@code --env NAME=VALUE} (extra service setting, repeatable, e.g. to
 * compare a pool size before/after).
 */
public final class LoadBenchmark {

    private final Map<String, String> options;
    private final List<String> extraEnv;
    private final String db;
    private final boolean full;
    private final Duration stepLength;
    private final Path out = Path.of("target", "bench");

    private LoadBenchmark(Map<String, String> options, List<String> extraEnv) {
        this.options = options;
        this.extraEnv = extraEnv;
        this.db = options.getOrDefault("db", "h2");
        if (!db.equals("h2") && !db.equals("postgresql")) {
            throw new IllegalArgumentException("--db must be h2 or postgresql");
        }
        this.full = options.containsKey("full");
        this.stepLength = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", full ? "60" : "10")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> extraEnv = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (name.equals("full")) {
                options.put(name, "true");
            } else if (name.equals("env")) {
                extraEnv.add(args[++i]);
            } else {
                options.put(name, args[++i]);
            }
        }
        new LoadBenchmark(options, extraEnv).run();
    }

    /** One step's figures, client side and service side. */
    private record Step(LoadGenerator.StepResult load, double serviceCores, double serviceCpuSeconds, double clientCores,
                        double peakHeapMb,
                        double maxBacklogGauge, LoadSearchProbe.Sample searchable, LoadClusterPageProbe.Sample clusterPage) {
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Path app = Path.of(options.getOrDefault("app", "target/bench/app-" + db));
        Path dataDir = out.resolve("run-" + db + "-" + System.nanoTime());
        String secret = randomHex(16);
        String adminPassword = randomHex(12);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BAYAN_WEBHOOK_SECRET", secret);
        env.put("BAYAN_ADMIN_PASSWORD", adminPassword);
        // The backlog gauge keeps its shipped refresh (5 s): at 1 s, its COUNT over a backlog of tens of thousands of
        // pending rows took half the HTTP workers' CPU samples on H2, distorting what is measured.
        String jdbcUrl = null;
        String pgUser = options.getOrDefault("pg-user", "postgres");
        String pgPassword = options.getOrDefault("pg-password", "");
        String adminUrl = options.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
        String database = null;
        if (db.equals("postgresql")) {
            database = "bayan_load_" + System.nanoTime();
            try (Connection c = DriverManager.getConnection(adminUrl, pgUser, pgPassword); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            }
            jdbcUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
            env.put("QUARKUS_DATASOURCE_USERNAME", pgUser);
            env.put("QUARKUS_DATASOURCE_PASSWORD", pgPassword);
        }
        for (String pair : extraEnv) {
            env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        List<String> jvm = List.of("-Xmx512m");
        List<SyntheticCorpus.Text> texts = SyntheticCorpus.fromTrainingCorpus(Path.of("."),
                Long.parseLong(options.getOrDefault("seed", "42"))).take(5000);
        WebhookTraffic traffic = new WebhookTraffic(texts, secret);
        Path recording = out.resolve("profile-" + db + ".jfr");
        List<Step> steps = new ArrayList<>();
        System.out.printf("Load benchmark on %s, %d s per step; service from %s, data in %s%n", db,
                stepLength.toSeconds(), app, dataDir);
        Instant runEnd;
        Map<String, List<Row>> rows;
        try {
        try (LoadService service = LoadService.start(app, dataDir, jvm, env)) {
            System.out.printf("Service ready (pid %d, %s)%n", service.pid(), service.base());
            URI webhook = service.base().resolve("/webhooks/generic");
            try (LoadSearchProbe probe = new LoadSearchProbe(service.base(), "admin", adminPassword);
                 LoadClusterPageProbe pages = new LoadClusterPageProbe(service.base(), probe.cookie())) {
                LoadGenerator generator = new LoadGenerator(webhook, traffic, probe,
                        Integer.parseInt(options.getOrDefault("max-in-flight", "256")));
                // Warm-up: JIT, connection pool, classifier caches. Not reported.
                generator.fixedRate("warmup", 200, Duration.ofSeconds(full ? 20 : 5));
                awaitDrain(service);
                for (String rate : options.getOrDefault("rates", "250,500,1000,2000").split(",")) {
                    int r = Integer.parseInt(rate.trim());
                    steps.add(measure(service, probe, pages, () -> generator.fixedRate("r" + r, r, stepLength)));
                    awaitDrain(service);
                }
                int senders = Integer.parseInt(options.getOrDefault("senders", "32"));
                // The recording spans the max step and the drain after it: ingest and processing together, then
                // processing alone; the summary separates them by thread.
                service.startRecording(recording);
                steps.add(measure(service, probe, pages,
                        () -> generator.maxThroughput("max", senders, stepLength, (int) (30_000 * stepLength.toSeconds()))));
                awaitDrain(service);
                service.stopRecording();
            }
        }
        runEnd = Instant.now();
        rows = readRows(dataDir, jdbcUrl, pgUser, pgPassword);
        } finally {
            if (database != null) {
                try (Connection c = DriverManager.getConnection(adminUrl, pgUser, pgPassword); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + database);
                }
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        String table = report(steps, rows, runEnd, loadBefore, loadAfter, jvm, env);
        System.out.println(table);
        Files.writeString(out.resolve("load-" + db + ".md"), table);
        String profile = LoadProfile.summarise(recording);
        Files.writeString(out.resolve("profile-" + db + ".txt"), profile);
        System.out.println(profile);
    }

    private interface StepRun {
        LoadGenerator.StepResult run() throws Exception;
    }

    private Step measure(LoadService service, LoadSearchProbe probe, LoadClusterPageProbe pages, StepRun run) throws Exception {
        double[] peakHeap = {0};
        double[] maxBacklog = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    LoadService.Scrape scrape = service.scrape();
                    peakHeap[0] = Math.max(peakHeap[0], scrape.heapBytes());
                    maxBacklog[0] = Math.max(maxBacklog[0], scrape.backlog());
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    // a missed scrape under load: the next one counts
                }
            }
        }, "metrics-sampler");
        probe.startStep();
        pages.startStep();
        sampler.start();
        long client = ProcessHandle.current().pid();
        double serviceCpu0 = service.cpuSeconds();
        double clientCpu0 = LoadService.cpuSecondsOf(client);
        long t0 = System.nanoTime();
        LoadGenerator.StepResult result = run.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double serviceCpu = service.cpuSeconds() - serviceCpu0;
        double clientCores = (LoadService.cpuSecondsOf(client) - clientCpu0) / wall;
        sampler.interrupt();
        sampler.join();
        LoadSearchProbe.Sample searchable = probe.finishStep();
        LoadClusterPageProbe.Sample clusterPage = pages.finishStep();
        System.out.printf("  %-6s sent %d, acknowledged %d (%.0f/s), ack p99 %.1f ms, service %.2f cores%n",
                result.step(), result.sent(), result.acknowledged(), result.ackThroughput(),
                result.ackLatency().getValueAtPercentile(99) / 1000.0, serviceCpu / wall);
        return new Step(result, serviceCpu / wall, serviceCpu, clientCores, peakHeap[0] / (1024 * 1024), maxBacklog[0], searchable,
                clusterPage);
    }

    /**
     * Waits until the backlog gauge reads 0 twice in a row, so the next step starts on an empty inbox, but no longer
     * than {@code --drain-wait} seconds (5 small, 120 full): when processing is far slower than ingest, a full
     * drain would take minutes. The report gives each step's backlog at its start, so a step that starts behind
     * is visible.
     */
    private void awaitDrain(LoadService service) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(
                options.getOrDefault("drain-wait", full ? "120" : "5"))).toNanos();
        int zeros = 0;
        Thread.sleep(1200);
        while (System.nanoTime() < deadline && zeros < 2) {
            zeros = service.scrape().backlog() == 0 ? zeros + 1 : 0;
            Thread.sleep(600);
        }
        if (zeros < 2) {
            System.out.println("  (backlog not drained within the drain wait; the next step starts behind)");
        }
    }

    /** A benchmark message as the database has it. */
    private record Row(long seq, Instant received, Instant processed) {
    }

    /** Reads every benchmark message after the service has stopped, grouped by step. */
    private Map<String, List<Row>> readRows(Path dataDir, String jdbcUrl, String user, String password) throws Exception {
        String url = jdbcUrl != null ? jdbcUrl
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/bayan") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        try (Connection c = jdbcUrl != null ? DriverManager.getConnection(url, user, password)
                : DriverManager.getConnection(url, "bayan", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT external_id, received_at, processed_at FROM message "
                     + "WHERE channel = 'generic' AND source = '" + WebhookTraffic.SOURCE + "'")) {
            while (rs.next()) {
                String id = rs.getString(1).substring(WebhookTraffic.SOURCE.length() + 1);
                String step = id.substring(0, id.lastIndexOf('-'));
                long seq = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
                OffsetDateTime processed = rs.getObject(3, OffsetDateTime.class);
                rows.computeIfAbsent(step, k -> new ArrayList<>()).add(new Row(seq,
                        rs.getObject(2, OffsetDateTime.class).toInstant(), processed == null ? null : processed.toInstant()));
            }
        }
        return rows;
    }

    private String report(List<Step> steps, Map<String, List<Row>> rows, Instant runEnd, String loadBefore, String loadAfter,
                          List<String> jvm, Map<String, String> env) {
        List<Row> all = rows.values().stream().flatMap(List::stream).toList();
        StringBuilder md = new StringBuilder();
        md.append(String.format("# Load benchmark, %s (%s scale, %d s per step)%n%n", db, full ? "full" : "small",
                stepLength.toSeconds()));
        md.append(String.format("- %s; %d cores seen by the JVM; load average before %s, after %s (other builds share the machine)%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter));
        md.append(String.format("- service: packaged jar, JVM %s, settings as shipped plus %s%n", jvm,
                env.keySet().stream().filter(k -> !k.contains("SECRET") && !k.contains("PASSWORD")).toList()));
        md.append("- one message per webhook delivery; open-loop steps latency from the scheduled send time; "
                + "max step: closed loop, ").append(options.getOrDefault("senders", "32")).append(" senders\n");
        md.append("- ack→processed: message `processed_at` (database, after the run) minus the client's wall-clock "
                + "acknowledgment time, same host clock; ack→searchable: console search polled every 100 ms for a "
                + "tagged sample message (n = samples found, miss = not found in 120 s); cluster page: a supervisor's "
                + "page of the first cluster of the rumor list, asked for every 250 ms, one request at a time (n = pages, "
                + "failed = errors or not 200); messages not processed by the end "
                + "of the run count as infinitely late (\"> t\")\n");
        md.append("- between steps the harness waits for the backlog to drain, at most ")
                .append(options.getOrDefault("drain-wait", full ? "120" : "5"))
                .append(" s; \"drained after\" = last processed message of the step minus the step's end; "
                        + "\"drain processed/s\" = processing rate after the step (webhooks idle)\n\n");
        md.append("| step | offered/s | sent | acked | non-2xx / failed | ack p50 ms | ack p99 ms | ack max ms "
                + "| acked/s | processed/s | backlog at start → end (max gauge) | drained after s | drain processed/s "
                + "| ack→processed p50 / p99 ms | ack→searchable p50 / p99 ms (n, miss) | cluster page p50 / p99 / max ms (n, failed) | service cores | service CPU ms / acked msg | client cores | peak heap MB |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Step step : steps) {
            LoadGenerator.StepResult r = step.load();
            List<Row> mine = rows.getOrDefault(r.step(), List.of());
            Instant start = r.started();
            Instant end = r.ended();
            double seconds = Math.max(1e-3, Duration.between(start, end).toMillis() / 1000.0);
            long processedInStep = all.stream().filter(x -> x.processed() != null
                    && !x.processed().isBefore(start) && !x.processed().isAfter(end)).count();
            long backlogAtStart = all.stream().filter(x -> x.received().isBefore(start)
                    && (x.processed() == null || x.processed().isAfter(start))).count();
            long backlogAtEnd = all.stream().filter(x -> !x.received().isAfter(end)
                    && (x.processed() == null || x.processed().isAfter(end))).count();
            Instant lastProcessed = mine.stream().map(Row::processed).filter(p -> p != null).max(Instant::compareTo).orElse(null);
            long unprocessed = mine.stream().filter(x -> x.processed() == null).count();
            // Processing capacity with the webhooks idle: messages processed between the step's end and its last one.
            long drained = lastProcessed == null ? 0 : all.stream().filter(x -> x.processed() != null
                    && x.processed().isAfter(end) && !x.processed().isAfter(lastProcessed)).count();
            double drainSeconds = lastProcessed == null ? 0 : Duration.between(end, lastProcessed).toMillis() / 1000.0;
            Histogram e2e = new Histogram(3);
            long beforeAck = 0;
            for (Row row : mine) {
                long acked = row.seq() < r.ackEpochMicros().length() ? r.ackEpochMicros().get((int) row.seq()) : 0;
                if (acked == 0 || row.processed() == null) {
                    continue;
                }
                long processed = row.processed().getEpochSecond() * 1_000_000 + row.processed().getNano() / 1000;
                if (processed < acked) {
                    beforeAck++;
                }
                e2e.recordValue(Math.max(1, processed - acked));
            }
            Histogram ack = r.ackLatency();
            Histogram search = step.searchable().latency();
            Histogram page = step.clusterPage().latency();
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %d | %d / %d | %.1f | %.1f | %.1f | %.0f | %.0f | %d → %d (%.0f) | %s | %s | %s | %s | %s | %.2f | %.1f | %.2f | %.0f |%n",
                    r.step(), r.offeredRate() == null ? "max (" + r.senders() + " senders)" : r.offeredRate().toString(),
                    r.sent(), r.acknowledged(), r.non2xx(), r.failed(),
                    ms(ack, 50), ms(ack, 99), ack.getMaxValue() / 1000.0, r.ackThroughput(),
                    processedInStep / seconds, backlogAtStart, backlogAtEnd, step.maxBacklogGauge(),
                    lastProcessed == null ? "-" : String.format(Locale.ROOT, "%.1f%s",
                            Math.max(0, Duration.between(end, lastProcessed).toMillis() / 1000.0),
                            unprocessed > 0 ? " (" + unprocessed + " never)" : ""),
                    drained < 100 || drainSeconds < 1 ? "-" : String.format(Locale.ROOT, "%.0f", drained / drainSeconds),
                    endToEnd(e2e, unprocessed, r, runEnd) + (beforeAck > 0 ? " (" + beforeAck + " before ack)" : ""),
                    search.getTotalCount() == 0 ? "- (0, " + step.searchable().missed().get() + ")"
                            : String.format(Locale.ROOT, "%.0f / %.0f (%d, %d)", ms(search, 50), ms(search, 99),
                            search.getTotalCount(), step.searchable().missed().get()),
                    page.getTotalCount() == 0 ? "- (0, " + step.clusterPage().failed().get() + ")"
                            : String.format(Locale.ROOT, "%.0f / %.0f / %.0f (%d, %d)", ms(page, 50), ms(page, 99),
                            page.getMaxValue() / 1000.0, page.getTotalCount(), step.clusterPage().failed().get()),
                    step.serviceCores(), 1000 * step.serviceCpuSeconds() / Math.max(1, r.acknowledged()),
                    step.clientCores(), step.peakHeapMb()));
        }
        return md.toString();
    }

    /**
     * p50 / p99 of ack → processed, counting messages never processed by the end of the run as infinitely late:
     * a percentile that falls among them is shown as "&gt; the time they had", never as a made-up figure.
     */
    private static String endToEnd(Histogram processed, long unprocessed, LoadGenerator.StepResult r, Instant runEnd) {
        long total = processed.getTotalCount() + unprocessed;
        if (total == 0) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        for (double p : new double[] {50, 99}) {
            long rank = (long) Math.ceil(total * p / 100.0);
            if (out.length() > 0) {
                out.append(" / ");
            }
            if (rank > processed.getTotalCount()) {
                out.append(String.format(Locale.ROOT, "> %.0f", Duration.between(r.ended(), runEnd).toMillis() * 1.0));
            } else {
                // the rank among processed messages, as a percentile of those
                out.append(String.format(Locale.ROOT, "%.0f",
                        processed.getValueAtPercentile(100.0 * rank / processed.getTotalCount()) / 1000.0));
            }
        }
        return out.toString();
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
