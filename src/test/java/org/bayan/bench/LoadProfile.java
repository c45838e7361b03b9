package org.bayan.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Summarises a Flight Recording of the service into what limits it: where the CPU samples fall (by thread
 * group, by top frame and inclusively by method) and where threads wait (file syncs, socket reads, parks and
 * monitor waits, each attributed to the first application or driver frame on the stack).
 * <p>
 * {@code jdk.ExecutionSample} only sees threads running Java code; time blocked in fsync or on a lock shows up
 * in the wait events instead, so both halves are needed to explain a throughput ceiling.
 */
final class LoadProfile {

    private static final int TOP = 15;
    private static final String INGEST = "executor-thread-N";
    private static final String PROCESSING = "bayan-processing";

    private LoadProfile() {
    }

    static String summarise(Path recording) throws IOException {
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> selfFrames = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> inclusiveBayan = new HashMap<>();
        // The two thread groups that matter: HTTP workers (ingest) and the processing worker.
        Map<String, Map<String, Long>> groupSelf = Map.of(INGEST, new HashMap<>(), PROCESSING, new HashMap<>());
        Map<String, Map<String, Long>> groupInclusive = Map.of(INGEST, new HashMap<>(), PROCESSING, new HashMap<>());
        Map<String, long[]> waits = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            if (type.equals("jdk.ExecutionSample") && stack != null && !stack.getFrames().isEmpty()) {
                samples++;
                RecordedThread thread = event.getThread("sampledThread");
                String group = threadGroup(thread);
                byThread.merge(group, 1L, Long::sum);
                List<RecordedFrame> frames = stack.getFrames();
                selfFrames.merge(method(frames.get(0)), 1L, Long::sum);
                if (groupSelf.containsKey(group)) {
                    groupSelf.get(group).merge(method(frames.get(0)), 1L, Long::sum);
                }
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String m = method(frame);
                    if (seen.add(m)) {
                        inclusive.merge(m, 1L, Long::sum);
                        if (m.startsWith("org.bayan.")) {
                            inclusiveBayan.merge(m, 1L, Long::sum);
                        }
                        if (groupInclusive.containsKey(group) && isLandmark(m)) {
                            groupInclusive.get(group).merge(m, 1L, Long::sum);
                        }
                    }
                }
            } else if (isWait(type) && stack != null) {
                String where = firstFrame(stack, f -> {
                    String m = method(f);
                    return m.startsWith("org.bayan.") || m.startsWith("org.h2.") || m.startsWith("org.postgresql.")
                            || m.startsWith("io.agroal.") || m.startsWith("org.apache.lucene.");
                });
                long[] tally = waits.computeIfAbsent(type.substring(4) + "  " + where, k -> new long[2]);
                tally[0]++;
                tally[1] += event.getDuration().toNanos();
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("JFR profile: ").append(recording.getFileName()).append(", ").append(samples)
                .append(" execution samples (threads running Java code, ~20 ms apart per thread)\n");
        section(out, "CPU samples by thread (digits folded)", byThread, samples);
        section(out, "Top frames (self): where the CPU is spent", selfFrames, samples);
        section(out, "Inclusive, org.bayan methods (a sample counts once per method on its stack)", inclusiveBayan, samples);
        section(out, "Inclusive, any method", inclusive, samples);
        for (String group : List.of(INGEST, PROCESSING)) {
            long n = byThread.getOrDefault(group, 0L);
            section(out, group + ": top frames (self), % of this group's " + n + " samples", groupSelf.get(group), n);
            section(out, group + ": inclusive, application/driver/library methods", groupInclusive.get(group), n);
        }
        out.append("\n## Waits (events above the 'profile' settings' thresholds, e.g. 10-20 ms), by first app/driver frame\n");
        waits.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .limit(TOP)
                .forEach(e -> out.append(String.format("%8d events %9.1f s total  %s%n", e.getValue()[0],
                        Duration.ofNanos(e.getValue()[1]).toMillis() / 1000.0, e.getKey())));
        return out.toString();
    }

    /** Frames that name a step of the work (ours, the drivers', Lucene, OpenNLP, Hibernate), not plumbing. */
    private static boolean isLandmark(String method) {
        return method.startsWith("org.bayan.") && !method.contains("_Subclass") && !method.contains("_ClientProxy")
                && !method.contains("$$")
                || method.startsWith("org.h2.command.") || method.startsWith("org.h2.mvstore.MVStore.")
                || method.startsWith("org.postgresql.core.v3.QueryExecutorImpl.")
                || method.startsWith("org.apache.lucene.index.IndexWriter.") || method.startsWith("opennlp.tools.")
                && method.endsWith(".categorize")
                || method.startsWith("org.hibernate.internal.SessionImpl.")
                || method.startsWith("org.hibernate.event.internal.DefaultFlushEventListener.");
    }

    private static boolean isWait(String type) {
        return type.equals("jdk.FileForce") || type.equals("jdk.SocketRead") || type.equals("jdk.ThreadPark")
                || type.equals("jdk.JavaMonitorEnter") || type.equals("jdk.JavaMonitorWait") || type.equals("jdk.FileWrite");
    }

    private static void section(StringBuilder out, String title, Map<String, Long> counts, long total) {
        out.append("\n## ").append(title).append('\n');
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> out.append(String.format("%7d %5.1f%%  %s%n", e.getValue(),
                        100.0 * e.getValue() / Math.max(1, total), e.getKey())));
    }

    private static String firstFrame(RecordedStackTrace stack, Predicate<RecordedFrame> wanted) {
        for (RecordedFrame frame : stack.getFrames()) {
            if (wanted.test(frame)) {
                return method(frame);
            }
        }
        return stack.getFrames().isEmpty() ? "?" : method(stack.getFrames().get(0));
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String threadGroup(RecordedThread thread) {
        if (thread == null) {
            return "?";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name == null ? "?" : name.replaceAll("\\d+", "N");
    }
}
