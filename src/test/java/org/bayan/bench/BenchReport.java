package org.bayan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A Markdown fragment a benchmark fills while it runs: printed as it grows, and written to
 * {@code target/bench/<name>.md} at the end for {@code docs/benchmarks.md}. It opens with what the figures
 * depend on (JVM, heap limit, cores, machine load), because on a shared 2-core machine load moves them.
 */
final class BenchReport {

    private final String name;
    private final StringBuilder markdown = new StringBuilder();

    BenchReport(String name, String title) {
        this.name = name;
        line("## " + title);
        line("");
        line("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", options: `" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + "`");
        line(String.format(Locale.ROOT, "- heap limit (-Xmx): %d MiB; cores: %d",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors()));
        line("- machine load at start: " + loadAverage());
    }

    /** The 1/5/15-minute load averages of the machine (other builds included), from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1/5/15 min)";
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    void line(String text) {
        markdown.append(text).append('\n');
        System.out.println(text);
    }

    void table(List<String> header, List<List<String>> rows) {
        line("");
        line("| " + String.join(" | ", header) + " |");
        line("|" + "---|".repeat(header.size()));
        for (List<String> row : rows) {
            line("| " + String.join(" | ", row) + " |");
        }
        line("");
    }

    /** Writes the fragment to {@code target/bench/<name>.md}; returns the path. */
    Path write() {
        line("- machine load at end: " + loadAverage());
        Path out = Path.of("target", "bench", name + ".md");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, markdown.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("Written to " + out.toAbsolutePath());
        return out;
    }

    static String f0(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Nearest-rank percentile of the values (sorted here). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Size of a directory tree on disk, in bytes. */
    static long sizeOf(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file merged away while walking
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Heap in use after full collections: what stays reachable. */
    static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** {@code --key value} options; {@code --scale small|full} picks defaults. */
    static String option(String[] args, String key, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--" + key)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static boolean full(String[] args) {
        String scale = option(args, "scale", "small");
        if (!scale.equals("small") && !scale.equals("full")) {
            throw new IllegalArgumentException("--scale must be small or full, not " + scale);
        }
        return scale.equals("full");
    }
}
