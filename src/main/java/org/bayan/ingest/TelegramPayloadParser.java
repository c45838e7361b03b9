package org.bayan.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.bayan.common.ProblemException;

import java.time.Instant;
import java.util.List;

/**
 * Reads one Telegram Bot API {@code Update}. {@code message}, {@code edited_message}, {@code channel_post} and
 * {@code edited_channel_post} with text (or a caption) become work; every other update type is recorded as an
 * event. The dedupe key is {@code update_id}, which Telegram keeps when it retries a delivery.
 */
@ApplicationScoped
public class TelegramPayloadParser {

    private static final List<String> MESSAGE_FIELDS =
            List.of("message", "edited_message", "channel_post", "edited_channel_post");

    public List<InboundMessage> parse(JsonNode update) {
        if (!update.isObject()) {
            throw ProblemException.badRequest("The body must be a Telegram Update object", null);
        }
        JsonNode updateIdNode = update.get("update_id");
        if (updateIdNode == null || updateIdNode.isNull()) {
            throw Json.missing("update_id");
        }
        if (!updateIdNode.isIntegralNumber()) {
            throw ProblemException.badRequest("update_id must be an integer", "update_id");
        }
        String updateId = updateIdNode.asText();
        for (String field : MESSAGE_FIELDS) {
            if (update.has(field)) {
                return List.of(message(update, field, updateId));
            }
        }
        String type = update.fieldNames().hasNext() ? firstOtherField(update) : "unknown";
        return List.of(new InboundMessage(Channel.TELEGRAM, updateId, null, "update:" + updateId, null,
                MessageKind.PRIVATE, MetaPayloadParser.truncate(type), null, null));
    }

    private static InboundMessage message(JsonNode update, String field, String updateId) {
        JsonNode message = Json.requireObject(update, field, field);
        JsonNode chat = Json.requireObject(message, "chat", field + ".chat");
        String chatId = Json.requireId(chat, "id", field + ".chat.id");
        String chatType = Json.optionalText(chat, "type", field + ".chat.type");
        String author = null;
        if (message.get("from") != null && message.get("from").isObject()) {
            author = Json.optionalId(message.get("from"), "id", field + ".from.id");
        } else if (message.get("sender_chat") != null && message.get("sender_chat").isObject()) {
            author = Json.optionalId(message.get("sender_chat"), "id", field + ".sender_chat.id");
        }
        Instant sent = Json.optionalEpoch(message, "edit_date", field + ".edit_date");
        if (sent == null) {
            sent = Json.optionalEpoch(message, "date", field + ".date");
        }
        String text = Json.optionalText(message, "text", field + ".text");
        if (text == null) {
            text = Json.optionalText(message, "caption", field + ".caption");
        }
        MessageKind kind = "private".equals(chatType) ? MessageKind.PRIVATE : MessageKind.COMMENT;
        boolean hasText = text != null && !text.isBlank();
        String eventType = hasText ? InboundMessage.TEXT : field.startsWith("edited") ? "edit_without_text" : "no_text";
        return new InboundMessage(Channel.TELEGRAM, updateId, null, chatId, author, kind, eventType,
                hasText ? text : null, sent);
    }

    private static String firstOtherField(JsonNode update) {
        var names = update.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("update_id")) {
                return name;
            }
        }
        return "unknown";
    }
}
