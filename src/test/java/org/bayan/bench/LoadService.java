package org.bayan.bench;

import org.bayan.support.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service run as a child process for the load benchmark: its own free port and data directory,
 * and what the benchmark reads from outside it: CPU time from {@code /proc/<pid>/stat}, backlog and heap from
 * {@code /q/metrics}, and a Flight Recording started and stopped with {@code jcmd}.
 */
final class LoadService implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LoadService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code appDir/quarkus-run.jar} with the given environment (on top of data dir and port) and waits
     * until {@code /q/health/ready} answers 200.
     */
    static LoadService start(Path appDir, Path dataDir, List<String> jvmOptions, Map<String, String> env)
            throws IOException, InterruptedException {
        Path jar = appDir.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged service at " + jar + "; see the command in LoadBenchmark's javadoc");
        }
        Files.createDirectories(dataDir);
        int port = FreePorts.outsideEphemeralRange();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BAYAN_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(env);
        Path log = dataDir.resolve("service.log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        LoadService service = new LoadService(builder.start(), port, log);
        service.awaitReady(Duration.ofSeconds(120));
        return service;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** CPU time (user + system) the service has used so far, in seconds. */
    double cpuSeconds() throws IOException {
        return cpuSecondsOf(process.pid());
    }

    /** CPU time of any process from {@code /proc/<pid>/stat} (fields 14 and 15, clock ticks of 1/100 s). */
    static double cpuSecondsOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces; everything after its closing parenthesis is positional.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0;
    }

    /** Backlog gauge and heap in use, from one {@code /q/metrics} scrape. */
    record Scrape(double backlog, double heapBytes) {
    }

    Scrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base().resolve("/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        double backlog = Double.NaN;
        double heap = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("bayan_processing_backlog ") || line.startsWith("bayan_processing_backlog{")) {
                backlog = value(line);
            } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += value(line);
            }
        }
        return new Scrape(backlog, heap);
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    void startRecording(Path file) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=load", "settings=profile", "filename=" + file.toAbsolutePath());
    }

    void stopRecording() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=load");
    }

    private void jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(process.pid()));
        command.addAll(List.of(args));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + output);
        }
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited during start-up; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(base().resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The service was not ready within " + limit.toSeconds() + " s; see " + log);
    }

    /** SIGTERM, so the worker finishes its batch and the database closes cleanly before it is read. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
