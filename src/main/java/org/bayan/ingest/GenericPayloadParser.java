package org.bayan.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.bayan.common.ProblemException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic inbox format, one object or an array of them:
 * {@code {"source", "id", "conversation"?, "author", "text", "sent_at", "kind"?}}.
 * <ul>
 *   <li>{@code conversation} defaults to the author: each author is one thread per source;</li>
 *   <li>{@code kind} defaults to {@code private};</li>
 *   <li>{@code text} may be empty: the message is then recorded as a non-text event.</li>
 * </ul>
 * A batch is all or nothing: one invalid item rejects the delivery, naming the item and field.
 */
@ApplicationScoped
public class GenericPayloadParser {

    static final int MAX_BATCH = 1000;

    public List<InboundMessage> parse(JsonNode root) {
        if (root.isObject()) {
            return List.of(item(root, ""));
        }
        if (!root.isArray()) {
            throw ProblemException.badRequest("The body must be a message object or an array of them", null);
        }
        if (root.isEmpty()) {
            throw ProblemException.badRequest("The array holds no message", null);
        }
        if (root.size() > MAX_BATCH) {
            throw ProblemException.badRequest("At most " + MAX_BATCH + " messages per delivery", null);
        }
        List<InboundMessage> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            if (!root.get(i).isObject()) {
                throw ProblemException.badRequest("[" + i + "] must be an object", "[" + i + "]");
            }
            out.add(item(root.get(i), "[" + i + "]."));
        }
        return out;
    }

    private static InboundMessage item(JsonNode node, String prefix) {
        String source = Json.requireId(node, "source", prefix + "source");
        if (source.length() > 100) {
            throw ProblemException.badRequest(prefix + "source is longer than 100 characters", prefix + "source");
        }
        String id = Json.requireId(node, "id", prefix + "id");
        String author = Json.requireId(node, "author", prefix + "author");
        String conversation = Json.optionalId(node, "conversation", prefix + "conversation");
        if (!node.has("text") || node.get("text").isNull()) {
            throw Json.missing(prefix + "text");
        }
        String text = Json.optionalText(node, "text", prefix + "text");
        String sentAtText = Json.optionalText(node, "sent_at", prefix + "sent_at");
        if (sentAtText == null) {
            throw Json.missing(prefix + "sent_at");
        }
        Instant sentAt;
        try {
            sentAt = OffsetDateTime.parse(sentAtText).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(prefix + "sent_at must be an ISO-8601 date-time with offset, "
                    + "e.g. 2026-11-23T10:15:00Z", prefix + "sent_at");
        }
        Json.storable(sentAt, prefix + "sent_at");
        String kindText = Json.optionalText(node, "kind", prefix + "kind");
        MessageKind kind;
        if (kindText == null || kindText.equals("private")) {
            kind = MessageKind.PRIVATE;
        } else if (kindText.equals("comment")) {
            kind = MessageKind.COMMENT;
        } else {
            throw ProblemException.badRequest(prefix + "kind must be 'comment' or 'private'", prefix + "kind");
        }
        boolean hasText = !text.isBlank();
        return new InboundMessage(Channel.GENERIC, source + "/" + id, source,
                source + "/" + (conversation == null ? author : conversation), author, kind,
                hasText ? InboundMessage.TEXT : "empty", hasText ? text : null, sentAt);
    }
}
