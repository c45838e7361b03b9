package org.bayan.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.bayan.common.ProblemException;
import org.bayan.common.StorageUnavailableException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The checks every webhook goes through, in this order: size (413), content type (415), signature (401),
 * UTF-8 (400), JSON (400), payload shape (400, naming the field); then the durable store. Nothing is stored
 * unless every check passes, and the caller answers 2xx only after {@link InboxService#store} committed.
 */
@ApplicationScoped
public class WebhookIntake {

    /** The width of message.external_id and message.conversation_key (V1__foundation.sql). */
    static final int MAX_KEY_LENGTH = 300;

    @Inject
    WebhookConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    InboxService inbox;

    @Inject
    IngestMetrics metrics;

    @Inject
    Event<MessagesStored> stored;

    /** What a delivery amounted to; also the body of the 200 answer. */
    public record Receipt(int received, int stored, int duplicates, int work) {
    }

    public Receipt accept(String endpoint, byte[] body, String contentType, BooleanSupplier authentic,
                          Function<JsonNode, List<InboundMessage>> parser) {
        try {
            if (body.length > config.maxBodyBytes()) {
                throw new ProblemException(413, "Payload Too Large",
                        "The body has " + body.length + " bytes; the limit is " + config.maxBodyBytes(), null);
            }
            checkContentType(contentType);
            if (!authentic.getAsBoolean()) {
                throw ProblemException.unauthorized("Missing or invalid signature.");
            }
            JsonNode payload = parse(decodeUtf8(body));
            List<InboundMessage> messages = parser.apply(payload);
            checkKeysFit(messages);
            Receipt receipt = inbox.store(messages);
            metrics.delivery(endpoint, receipt.duplicates() == receipt.received() && receipt.received() > 0
                    ? "duplicate" : "accepted");
            if (receipt.work() > 0) {
                stored.fire(new MessagesStored(receipt.work()));
            }
            return receipt;
        } catch (ProblemException e) {
            metrics.delivery(endpoint, outcome(e.status()));
            throw e;
        } catch (StorageUnavailableException e) {
            metrics.delivery(endpoint, "unavailable");
            throw e;
        }
    }

    /**
     * Parsers join provider ids into keys (source + "/" + id, line + ":" + sender, mid + ":edit:" + n): each id
     * may be within its limit while the key is not. A key longer than its column would fail the insert, which
     * answers 503 and makes the sender retry a delivery that can never be stored; it is the sender's 400.
     */
    static void checkKeysFit(List<InboundMessage> messages) {
        for (InboundMessage m : messages) {
            int longest = Math.max(m.externalId().length(), m.conversationKey().length());
            if (longest > MAX_KEY_LENGTH) {
                throw ProblemException.badRequest("The ids of a message are too long to store together ("
                        + longest + " characters, at most " + MAX_KEY_LENGTH + "); send shorter ids", null);
            }
        }
    }

    private static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new ProblemException(415, "Unsupported Media Type", "Content-Type must be application/json", null);
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            throw new ProblemException(415, "Unsupported Media Type",
                    "Content-Type must be application/json, not " + parts[0].trim(), null);
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.startsWith("charset=") && !param.substring(8).replace("\"", "").equals("utf-8")) {
                throw new ProblemException(415, "Unsupported Media Type", "The charset must be UTF-8", null);
            }
        }
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("The body is not valid UTF-8", null);
        }
    }

    private JsonNode parse(String text) {
        if (text.isBlank()) {
            throw ProblemException.badRequest("The body is empty; a JSON document is required", null);
        }
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw ProblemException.badRequest("The body is empty; a JSON document is required", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw ProblemException.badRequest("The body is not valid JSON" + where, null);
        }
    }

    private static String outcome(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
    }
}
