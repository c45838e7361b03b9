package org.bayan.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for Meta's Graph API, Telegram's Bot API, a generic callback, the forward
 * target and the alert webhook. It records every request and answers with scripted statuses (200 by default).
 * Started once for the whole test run; WhatsApp is deliberately left without a token.
 */
public class OutboundStub implements QuarkusTestResourceLifecycleManager {

    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Deque<Integer> SCRIPT = new ArrayDeque<>();
    private static volatile int defaultStatus = 200;
    private HttpServer server;

    /** The next answers, in order; afterwards the default (200). */
    public static synchronized void script(Integer... statuses) {
        SCRIPT.clear();
        SCRIPT.addAll(List.of(statuses));
    }

    /** Every later request gets this status until reset. */
    public static void failAlways(int status) {
        defaultStatus = status;
    }

    public static synchronized void reset() {
        SCRIPT.clear();
        defaultStatus = 200;
    }

    public static List<Received> to(String pathPart) {
        return RECEIVED.stream().filter(r -> r.path().contains(pathPart)).toList();
    }

    private static synchronized int nextStatus() {
        Integer scripted = SCRIPT.poll();
        return scripted != null ? scripted : defaultStatus;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = nextStatus();
            RECEIVED.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            byte[] answer = (status == 200 ? "{\"message_id\":\"stub-" + RECEIVED.size() + "\"}" : "{\"error\":\"stub\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "bayan.reply.meta.graph-url", base + "/graph",
                "bayan.reply.meta.page-token", "test-page-token",
                "bayan.reply.telegram.api-url", base + "/telegram",
                "bayan.reply.telegram.bot-token", "test-bot-token",
                "bayan.reply.generic.callback-url", base + "/generic",
                "bayan.reply.forward.url", base + "/forward",
                "bayan.reply.alert.url", base + "/alert");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
