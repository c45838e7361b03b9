package org.bayan.ingest;

import java.time.Instant;

/**
 * One event a webhook delivered, in Bayan's terms, before it is stored.
 *
 * @param channel         where it came from ({@link Channel#id()})
 * @param externalId      the provider's identity of the event; with the channel it is the dedupe key
 * @param source          the generic webhook's sender name, else null
 * @param conversationKey the thread it belongs to (Messenger/Instagram sender, WhatsApp number, Telegram chat,
 *                        comment thread, generic conversation)
 * @param authorId        the provider's id of the writer (never logged)
 * @param kind            public comment or private message
 * @param eventType       {@code text} for work; anything else (reaction, read, status, attachment …) is recorded only
 * @param text            the message text, null for non-text events
 * @param sentAt          when the citizen sent it, as the provider says
 */
public record InboundMessage(
        Channel channel,
        String externalId,
        String source,
        String conversationKey,
        String authorId,
        MessageKind kind,
        String eventType,
        String text,
        Instant sentAt) {

    public static final String TEXT = "text";

    /** A text message with something to answer: the only kind that creates work. */
    public boolean isWork() {
        return TEXT.equals(eventType) && text != null && !text.isBlank();
    }
}
