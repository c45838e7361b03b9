package org.bayan.it;

import org.bayan.support.FreePorts;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar) run as a separate process, so integration
 * tests can kill it with SIGKILL and start it again on the same data. When the build was made for
 * PostgreSQL, the datasource settings given to Maven are passed on to the process.
 */
final class ServiceProcess {

    static final String ADMIN_PASSWORD = "it-admin-password";

    private final Path dataDir;
    private final int port;
    private final Path log;
    private Process process;

    private String database;

    ServiceProcess(Path dataDir) throws Exception {
        this(dataDir, freshPostgresDatabase());
    }

    /**
     * A service on a given PostgreSQL database (a second instance sharing another's, or a URL that goes through a
     * proxy); {@code databaseUrl} null means the embedded H2 database under {@code dataDir}.
     */
    ServiceProcess(Path dataDir, String databaseUrl) throws Exception {
        this.dataDir = dataDir;
        this.database = databaseUrl;
        this.port = FreePorts.outsideEphemeralRange();
        this.log = dataDir.resolve("service.log");
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** The JDBC URL this service uses, or null on the embedded H2 database. */
    String databaseUrl() {
        return database;
    }

    /** Whether the build under test was made for PostgreSQL (the CI's second pass). */
    /** Skips a reliability suite on H2, saying so in the RELIABILITY lines the CI summary collects. */
    static void assumePostgres(String suite, String reason) {
        if (!onPostgres()) {
            System.out.println("RELIABILITY " + suite + ": SKIPPED on H2: " + reason);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(onPostgres(), "SKIPPED on H2: " + reason);
    }

    static boolean onPostgres() {
        String url = System.getProperty("quarkus.datasource.jdbc.url");
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    void start(Map<String, String> extraEnv) throws Exception {
        String jar = System.getProperty("bayan.it.jar", "target/quarkus-app/quarkus-run.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("Package the service first: " + jar + " is missing");
        }
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar);
        Map<String, String> env = builder.environment();
        env.put("BAYAN_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("BAYAN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        if (database != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", database);
        }
        passOn(env, "quarkus.datasource.username", "QUARKUS_DATASOURCE_USERNAME");
        passOn(env, "quarkus.datasource.password", "QUARKUS_DATASOURCE_PASSWORD");
        env.putAll(extraEnv);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        awaitReady();
    }

    /**
     * Points the next start at an empty database while keeping the data directory, and so the search index:
     * what a restored backup or a replaced database looks like to the index.
     */
    void replaceDatabase() throws Exception {
        if (database != null) {
            database = freshPostgresDatabase();
            return;
        }
        Path h2 = dataDir.resolve("db");
        try (var walk = Files.walk(h2)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed by the service itself. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the graceful path. */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited during start-up; see " + log);
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The service was not ready within 90 s; see " + log);
    }

    /**
     * On a PostgreSQL build, a database of its own for this run (the suite's database holds other tests'
     * users and messages); null on H2, where the fresh data directory already is a fresh database.
     */
    static String freshPostgresDatabase() throws Exception {
        if (!onPostgres()) {
            return null;
        }
        String url = System.getProperty("quarkus.datasource.jdbc.url");
        String name = "bayan_it_" + System.nanoTime();
        try (var connection = java.sql.DriverManager.getConnection(url,
                System.getProperty("quarkus.datasource.username"), System.getProperty("quarkus.datasource.password"));
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    /** A JDBC connection to this service's PostgreSQL database, for checks the API does not expose. */
    java.sql.Connection jdbc() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(database,
                System.getProperty("quarkus.datasource.username"), System.getProperty("quarkus.datasource.password"));
    }

    private static void passOn(Map<String, String> env, String property, String variable) {
        String value = System.getProperty(property);
        if (value != null) {
            env.put(variable, value);
        }
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
