package org.bayan.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what a supervisor waits for a rumor cluster's page (its messages, the clusters that may be the same
 * claim, the gather card) while the webhooks and the processing worker are busy: one signed-in session asks for the
 * page of the cluster at the top of the rumor list every {@link #BETWEEN}, one request at a time. The page is the one a supervisor opens
 * when a spike is announced, which is when the desk is busiest.
 */
final class LoadClusterPageProbe implements AutoCloseable {

    private static final Duration BETWEEN = Duration.ofMillis(250);
    private static final Pattern CLUSTER_LINK = Pattern.compile("href=\"/console/rumors/(\\d+)\"");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String cookie;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean stepOpen;
    private volatile Sample current = new Sample(new Histogram(3), new AtomicInteger());
    private long clusterId = -1;

    /** Page times (microseconds) of a step and how many requests failed or answered other than 200. */
    record Sample(Histogram latency, AtomicInteger failed) {
    }

    LoadClusterPageProbe(URI base, String cookie) {
        this.base = base;
        this.cookie = cookie;
        this.thread = new Thread(this::run, "cluster-page-probe");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void startStep() {
        current = new Sample(new Histogram(3), new AtomicInteger());
        stepOpen = true;
    }

    synchronized Sample finishStep() {
        stepOpen = false;
        return current;
    }

    private void run() {
        while (running) {
            if (stepOpen) {
                Sample into = current;
                try {
                    if (clusterId < 0) {
                        clusterId = topCluster();
                    }
                    if (clusterId >= 0) {
                        long start = System.nanoTime();
                        HttpResponse<Void> page = client.send(HttpRequest.newBuilder(base.resolve("/console/rumors/" + clusterId))
                                .header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                        long micros = Math.max(1, (System.nanoTime() - start) / 1000);
                        synchronized (into) {
                            if (page.statusCode() == 200) {
                                into.latency().recordValue(micros);
                            } else {
                                into.failed().incrementAndGet();
                            }
                        }
                    }
                } catch (IOException e) {
                    into.failed().incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                Thread.sleep(BETWEEN.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The first cluster the rumor list shows (the list is sorted by recent growth); -1 while there is none. */
    private long topCluster() throws IOException, InterruptedException {
        HttpResponse<String> list = client.send(HttpRequest.newBuilder(base.resolve("/console/rumors"))
                .header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = CLUSTER_LINK.matcher(list.body());
        return list.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
