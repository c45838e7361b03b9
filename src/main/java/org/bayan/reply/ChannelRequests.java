package org.bayan.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bayan.ingest.Signatures;
import org.bayan.ingest.WebhookConfig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an outbox row into the HTTP call its receiver expects: the Meta Send API for Messenger and Instagram
 * Direct, the comment-reply edges for Page and Instagram comments, the WhatsApp Cloud API, Telegram's
 * {@code sendMessage}, or a signed JSON POST (generic callback, forward, alert). Empty when the channel has
 * no credentials configured.
 */
@ApplicationScoped
public class ChannelRequests {

    /** A ready request. Headers and URL may hold a token: never log them. */
    public record Request(URI uri, Map<String, String> headers, byte[] body) {
    }

    @Inject
    ReplyConfig config;

    @Inject
    WebhookConfig webhooks;

    @Inject
    ObjectMapper json;

    public Optional<Request> build(OutboundMessage row) {
        return switch (row.kind) {
            case OutboundMessage.FORWARD -> config.forward().url()
                    .map(url -> signed(url, row.body.getBytes(StandardCharsets.UTF_8),
                            config.forward().secret().orElse(webhooks.secret()), row.idempotencyKey));
            case OutboundMessage.ALERT -> config.alert().url()
                    .map(url -> signed(url, row.body.getBytes(StandardCharsets.UTF_8),
                            config.alert().secret().orElse(webhooks.secret()), row.idempotencyKey));
            default -> reply(row);
        };
    }

    private Optional<Request> reply(OutboundMessage row) {
        String graph = trimSlash(config.meta().graphUrl().toString());
        Optional<String> pageToken = config.meta().pageToken();
        switch (row.channel) {
            case "messenger", "instagram" -> {
                ObjectNode body = json.createObjectNode();
                body.putObject("recipient").put("id", row.recipient);
                body.put("messaging_type", "RESPONSE");
                body.putObject("message").put("text", row.body);
                return pageToken.map(t -> bearer(graph + "/me/messages", t, body));
            }
            case "facebook_comment" -> {
                ObjectNode body = json.createObjectNode().put("message", row.body);
                return pageToken.map(t -> bearer(graph + "/" + row.recipient + "/comments", t, body));
            }
            case "instagram_comment" -> {
                ObjectNode body = json.createObjectNode().put("message", row.body);
                return pageToken.map(t -> bearer(graph + "/" + row.recipient + "/replies", t, body));
            }
            case "whatsapp" -> {
                // recipient is "<phone number id>:<citizen wa id>", as the conversation was keyed on intake
                int colon = row.recipient.indexOf(':');
                if (colon <= 0) {
                    return Optional.empty();
                }
                ObjectNode body = json.createObjectNode();
                body.put("messaging_product", "whatsapp");
                body.put("recipient_type", "individual");
                body.put("to", row.recipient.substring(colon + 1));
                body.put("type", "text");
                body.putObject("text").put("preview_url", false).put("body", row.body);
                return config.meta().whatsappToken().map(t ->
                        bearer(graph + "/" + row.recipient.substring(0, colon) + "/messages", t, body));
            }
            case "telegram" -> {
                ObjectNode body = json.createObjectNode();
                body.put("chat_id", row.recipient);
                body.put("text", row.body);
                String api = trimSlash(config.telegram().apiUrl().toString());
                return config.telegram().botToken().map(t ->
                        new Request(URI.create(api + "/bot" + t + "/sendMessage"), jsonHeaders(), bytes(body)));
            }
            case "generic" -> {
                ObjectNode body = json.createObjectNode();
                body.put("id", row.idempotencyKey);
                int slash = row.recipient.indexOf('/');
                body.put("source", slash > 0 ? row.recipient.substring(0, slash) : null);
                body.put("conversation", slash > 0 ? row.recipient.substring(slash + 1) : row.recipient);
                body.put("text", row.body);
                body.put("language", row.language);
                return config.generic().callbackUrl().map(url -> signed(url, bytes(body),
                        config.generic().secret().orElse(webhooks.secret()), row.idempotencyKey));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** The receiver's id of what it accepted, read from the success answer of each API. */
    public String providerId(String responseBody) {
        try {
            JsonNode node = json.readTree(responseBody);
            if (node == null) {
                return null;
            }
            for (String path : new String[]{"/message_id", "/id", "/messages/0/id", "/result/message_id"}) {
                JsonNode value = node.at(path);
                if (!value.isMissingNode() && !value.isNull()) {
                    String text = value.asText();
                    return text.length() > 200 ? text.substring(0, 200) : text;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not JSON: delivered all the same, just without a receiver id
        }
        return null;
    }

    private Request bearer(String url, String token, ObjectNode body) {
        Map<String, String> headers = jsonHeaders();
        headers.put("Authorization", "Bearer " + token);
        return new Request(URI.create(url), headers, bytes(body));
    }

    private static Request signed(URI url, byte[] body, String secret, String key) {
        Map<String, String> headers = jsonHeaders();
        headers.put("X-Bayan-Signature", Signatures.sign(body, secret));
        headers.put("Idempotency-Key", key);
        return new Request(url, headers, body);
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return headers;
    }

    private byte[] bytes(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write an outbound body", e);
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
