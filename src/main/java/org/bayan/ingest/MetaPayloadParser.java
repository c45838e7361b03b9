package org.bayan.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.bayan.common.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the webhook shapes Meta documents for the products Bayan answers on:
 * <ul>
 *   <li>{@code object: page} with {@code entry[].messaging[]}: Messenger messages, edits, echoes, reactions,
 *       reads, deliveries, postbacks;</li>
 *   <li>{@code object: page} with {@code entry[].changes[]} and {@code field: feed}: Page post comments
 *       ({@code item: comment}, verbs {@code add} and {@code edited}); other feed items are events;</li>
 *   <li>{@code object: instagram}: the same messaging shape, and {@code field: comments} changes;</li>
 *   <li>{@code object: whatsapp_business_account}: {@code changes[].value.messages[]} and {@code statuses[]}.</li>
 * </ul>
 * Only citizen text becomes work; everything else is recorded as a non-text event. Events the page itself
 * caused (its own replies, echoes of its messages) are recorded and never become work.
 */
@ApplicationScoped
public class MetaPayloadParser {

    public List<InboundMessage> parse(JsonNode root) {
        if (!root.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object", null);
        }
        String object = Json.optionalText(root, "object", "object");
        if (object == null) {
            throw Json.missing("object");
        }
        JsonNode entries = Json.requireArray(root, "entry", "entry");
        List<InboundMessage> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String path = "entry[" + i + "]";
            if (!entry.isObject()) {
                throw ProblemException.badRequest(path + " must be an object", path);
            }
            switch (object) {
                case "page" -> pageEntry(entry, path, out);
                case "instagram" -> instagramEntry(entry, path, out);
                case "whatsapp_business_account" -> whatsappEntry(entry, path, out);
                default -> throw ProblemException.badRequest(
                        "object '" + object + "' is not one Bayan subscribes to (page, instagram, whatsapp_business_account)",
                        "object");
            }
        }
        return out;
    }

    /** Handles one change ({@code entry[].changes[]}) whose field carries comments. */
    private interface CommentHandler {
        void handle(JsonNode value, String path, String ownId, Instant entryTime, List<InboundMessage> out);
    }

    private void pageEntry(JsonNode entry, String path, List<InboundMessage> out) {
        entry(entry, path, Channel.MESSENGER, Channel.FACEBOOK_COMMENT, "page:", List.of("feed"), this::feedChange, out);
    }

    private void instagramEntry(JsonNode entry, String path, List<InboundMessage> out) {
        entry(entry, path, Channel.INSTAGRAM, Channel.INSTAGRAM_COMMENT, "ig:", List.of("comments", "live_comments"),
                this::instagramComment, out);
    }

    /**
     * Pages and Instagram accounts share one entry shape: {@code messaging[]} for private messages and
     * {@code changes[]} for everything else, of which the comment fields are read and the rest recorded.
     */
    private void entry(JsonNode entry, String path, Channel messagingChannel, Channel commentChannel, String ownPrefix,
                       List<String> commentFields, CommentHandler comments, List<InboundMessage> out) {
        String ownId = Json.requireId(entry, "id", path + ".id");
        Instant entryTime = Json.optionalEpoch(entry, "time", path + ".time");
        if (entry.has("messaging")) {
            messaging(messagingChannel, Json.requireArray(entry, "messaging", path + ".messaging"),
                    path + ".messaging", ownId, out);
        }
        if (entry.has("changes")) {
            JsonNode changes = Json.requireArray(entry, "changes", path + ".changes");
            for (int j = 0; j < changes.size(); j++) {
                String changePath = path + ".changes[" + j + "]";
                JsonNode change = changes.get(j);
                String field = Json.optionalText(change, "field", changePath + ".field");
                JsonNode value = Json.requireObject(change, "value", changePath + ".value");
                // List.of(...).contains(null) throws: a change without a field is recorded like any other.
                if (field != null && commentFields.contains(field)) {
                    comments.handle(value, changePath + ".value", ownId, entryTime, out);
                } else {
                    out.add(event(commentChannel, Json.fingerprint("change", change), ownPrefix + ownId,
                            null, "change_" + truncate(field), entryTime));
                }
            }
        }
    }

    private void feedChange(JsonNode value, String path, String pageId, Instant entryTime, List<InboundMessage> out) {
        String item = Json.optionalText(value, "item", path + ".item");
        String verb = Json.optionalText(value, "verb", path + ".verb");
        Instant created = orElse(Json.optionalEpoch(value, "created_time", path + ".created_time"), entryTime);
        if (!"comment".equals(item)) {
            out.add(event(Channel.FACEBOOK_COMMENT, Json.fingerprint("feed", value), "page:" + pageId, null,
                    "feed_" + truncate(item == null ? "unknown" : item), created));
            return;
        }
        String commentId = Json.requireId(value, "comment_id", path + ".comment_id");
        String postId = Json.optionalId(value, "post_id", path + ".post_id");
        String parentId = Json.optionalId(value, "parent_id", path + ".parent_id");
        // A top-level comment's parent is the post: the comment starts a thread of its own.
        String thread = parentId == null || parentId.equals(postId) ? commentId : parentId;
        JsonNode from = value.get("from");
        String authorId = from != null && from.isObject() ? Json.optionalId(from, "id", path + ".from.id") : null;
        String text = Json.optionalText(value, "message", path + ".message");
        boolean fromPage = pageId.equals(authorId);
        if (!"add".equals(verb) && !"edited".equals(verb)) {
            out.add(event(Channel.FACEBOOK_COMMENT, commentId + ":" + truncate(verb) + ":" + Json.fingerprint("v", value),
                    thread, authorId, "comment_" + truncate(verb), created));
            return;
        }
        if (fromPage) {
            out.add(event(Channel.FACEBOOK_COMMENT, commentId + ":" + verb, thread, authorId, "own_comment", created));
            return;
        }
        // An edit is new text on the same comment: its id carries a fingerprint of the edit so that a
        // redelivered edit stays a duplicate while a second edit is stored.
        String externalId = "add".equals(verb) ? commentId : commentId + ":edited:" + Json.fingerprint("t", value.path("message"));
        out.add(text(Channel.FACEBOOK_COMMENT, externalId, thread, authorId, MessageKind.COMMENT, text, created));
    }

    private void instagramComment(JsonNode value, String path, String accountId, Instant entryTime,
                                  List<InboundMessage> out) {
        String commentId = Json.requireId(value, "id", path + ".id");
        String parentId = Json.optionalId(value, "parent_id", path + ".parent_id");
        JsonNode from = value.get("from");
        String authorId = from != null && from.isObject() ? Json.optionalId(from, "id", path + ".from.id") : null;
        String text = Json.optionalText(value, "text", path + ".text");
        String thread = parentId == null ? commentId : parentId;
        Instant sent = orElse(Json.optionalEpoch(value, "timestamp", path + ".timestamp"), entryTime);
        if (accountId.equals(authorId)) {
            out.add(event(Channel.INSTAGRAM_COMMENT, commentId, thread, authorId, "own_comment", sent));
            return;
        }
        out.add(text(Channel.INSTAGRAM_COMMENT, commentId, thread, authorId, MessageKind.COMMENT, text, sent));
    }

    /** Messenger and Instagram Direct share one event shape. The thread is the citizen's id. */
    private void messaging(Channel channel, JsonNode events, String path, String ownId, List<InboundMessage> out) {
        for (int k = 0; k < events.size(); k++) {
            String eventPath = path + "[" + k + "]";
            JsonNode event = events.get(k);
            if (!event.isObject()) {
                throw ProblemException.badRequest(eventPath + " must be an object", eventPath);
            }
            String senderId = Json.requireId(Json.requireObject(event, "sender", eventPath + ".sender"), "id",
                    eventPath + ".sender.id");
            JsonNode recipient = event.get("recipient");
            String recipientId = recipient != null && recipient.isObject()
                    ? Json.optionalId(recipient, "id", eventPath + ".recipient.id") : null;
            Instant sent = Json.optionalEpoch(event, "timestamp", eventPath + ".timestamp");
            boolean fromUs = senderId.equals(ownId);
            String citizen = fromUs && recipientId != null ? recipientId : senderId;
            if (event.has("message")) {
                JsonNode message = Json.requireObject(event, "message", eventPath + ".message");
                String mid = Json.requireId(message, "mid", eventPath + ".message.mid");
                String text = Json.optionalText(message, "text", eventPath + ".message.text");
                if (fromUs || Json.flag(message, "is_echo")) {
                    out.add(event(channel, mid, citizen, senderId, "echo", sent));
                } else if (text == null || text.isBlank()) {
                    out.add(event(channel, mid, citizen, senderId,
                            message.has("attachments") ? "attachment" : "empty", sent));
                } else {
                    out.add(text(channel, mid, citizen, senderId, MessageKind.PRIVATE, text, sent));
                }
            } else if (event.has("message_edit")) {
                JsonNode edit = Json.requireObject(event, "message_edit", eventPath + ".message_edit");
                String mid = Json.requireId(edit, "mid", eventPath + ".message_edit.mid");
                String number = Json.optionalId(edit, "num_edit", eventPath + ".message_edit.num_edit");
                String text = Json.optionalText(edit, "text", eventPath + ".message_edit.text");
                out.add(text(channel, mid + ":edit:" + (number == null ? "1" : number), citizen, senderId,
                        MessageKind.PRIVATE, text, sent));
            } else {
                String type = event.has("reaction") ? "reaction" : event.has("read") ? "read"
                        : event.has("delivery") ? "delivery" : event.has("postback") ? "postback" : "other";
                out.add(event(channel, Json.fingerprint(type, event), citizen, senderId, type, sent));
            }
        }
    }

    private void whatsappEntry(JsonNode entry, String path, List<InboundMessage> out) {
        JsonNode changes = Json.requireArray(entry, "changes", path + ".changes");
        for (int j = 0; j < changes.size(); j++) {
            String changePath = path + ".changes[" + j + "]";
            JsonNode change = changes.get(j);
            JsonNode value = Json.requireObject(change, "value", changePath + ".value");
            String valuePath = changePath + ".value";
            JsonNode metadata = value.get("metadata");
            String phoneNumberId = metadata != null && metadata.isObject()
                    ? Json.optionalId(metadata, "phone_number_id", valuePath + ".metadata.phone_number_id") : null;
            String line = phoneNumberId == null ? "wa" : phoneNumberId;
            if (value.has("messages")) {
                JsonNode messages = Json.requireArray(value, "messages", valuePath + ".messages");
                for (int k = 0; k < messages.size(); k++) {
                    whatsappMessage(messages.get(k), valuePath + ".messages[" + k + "]", line, out);
                }
            }
            if (value.has("statuses")) {
                JsonNode statuses = Json.requireArray(value, "statuses", valuePath + ".statuses");
                for (int k = 0; k < statuses.size(); k++) {
                    JsonNode status = statuses.get(k);
                    String statusPath = valuePath + ".statuses[" + k + "]";
                    String id = Json.requireId(status, "id", statusPath + ".id");
                    String state = Json.optionalText(status, "status", statusPath + ".status");
                    String recipient = Json.optionalId(status, "recipient_id", statusPath + ".recipient_id");
                    out.add(event(Channel.WHATSAPP, "status:" + id + ":" + truncate(state),
                            line + ":" + (recipient == null ? "unknown" : recipient), null, "status",
                            Json.optionalEpoch(status, "timestamp", statusPath + ".timestamp")));
                }
            }
        }
    }

    private void whatsappMessage(JsonNode message, String path, String line, List<InboundMessage> out) {
        if (!message.isObject()) {
            throw ProblemException.badRequest(path + " must be an object", path);
        }
        String id = Json.requireId(message, "id", path + ".id");
        String from = Json.requireId(message, "from", path + ".from");
        String type = Json.optionalText(message, "type", path + ".type");
        Instant sent = Json.optionalEpoch(message, "timestamp", path + ".timestamp");
        String conversation = line + ":" + from;
        String text = null;
        if ("text".equals(type)) {
            text = Json.optionalText(Json.requireObject(message, "text", path + ".text"), "body", path + ".text.body");
        } else if (type != null && message.get(type) != null && message.get(type).isObject()) {
            // Media sent with a caption carries the citizen's words in the caption.
            text = Json.optionalText(message.get(type), "caption", path + "." + type + ".caption");
        }
        if (text == null || text.isBlank()) {
            out.add(event(Channel.WHATSAPP, id, conversation, from, truncate(type == null ? "unknown" : type), sent));
        } else {
            out.add(text(Channel.WHATSAPP, id, conversation, from, MessageKind.PRIVATE, text, sent));
        }
    }

    private static InboundMessage text(Channel channel, String externalId, String conversation, String author,
                                       MessageKind kind, String text, Instant sentAt) {
        return new InboundMessage(channel, externalId, null, conversation, author, kind,
                text == null || text.isBlank() ? "empty" : InboundMessage.TEXT, text, sentAt);
    }

    private static InboundMessage event(Channel channel, String externalId, String conversation, String author,
                                        String type, Instant sentAt) {
        return new InboundMessage(channel, externalId, null, conversation, author,
                channel == Channel.FACEBOOK_COMMENT || channel == Channel.INSTAGRAM_COMMENT
                        ? MessageKind.COMMENT : MessageKind.PRIVATE, type, null, sentAt);
    }

    private static Instant orElse(Instant value, Instant fallback) {
        return value != null ? value : fallback;
    }

    /** Provider-supplied type names end up in a 32-character column and in metrics labels. */
    static String truncate(String value) {
        if (value == null) {
            return "none";
        }
        String clean = value.replaceAll("[^A-Za-z0-9_]", "_");
        return clean.length() > 24 ? clean.substring(0, 24) : clean;
    }
}
