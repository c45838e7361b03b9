package org.bayan.reply;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Outbound settings ({@code bayan.reply.*}): where replies, forwards and alerts go and how hard the outbox
 * tries. A channel without its token or URL keeps its replies as "not sent: channel not configured".
 */
@ConfigMapping(prefix = "bayan.reply")
public interface ReplyConfig {

    /** Canned responses file; when unset, {@code config/canned-responses.yaml} if present, else the shipped copy. */
    Optional<Path> cannedFile();

    /** Whether the outbox worker sends. Off, replies wait in the outbox. Defaults to true. */
    @WithDefault("true")
    boolean enabled();

    /** How often the outbox looks for rows to send. Defaults to 1 s. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Attempts before a row is dead-lettered. Defaults to 6. */
    @WithDefault("6")
    int maxAttempts();

    /** Wait after the first failure; doubled after each further one. Defaults to 10 s. */
    @WithDefault("PT10S")
    Duration backoff();

    /** Longest wait between two attempts. Defaults to 10 min. */
    @WithDefault("PT10M")
    Duration maxBackoff();

    /** Time allowed for one HTTP call. Defaults to 10 s. */
    @WithDefault("PT10S")
    Duration timeout();

    Meta meta();

    Telegram telegram();

    Generic generic();

    Forward forward();

    Alert alert();

    interface Meta {
        /** Graph API base, version included. Defaults to {@code https://graph.facebook.com/v21.0}. */
        @WithDefault("https://graph.facebook.com/v21.0")
        URI graphUrl();

        /** Page access token for Messenger, Page comments and Instagram; unset = not configured. */
        Optional<String> pageToken();

        /** WhatsApp Cloud API access token; unset = not configured. */
        Optional<String> whatsappToken();
    }

    interface Telegram {
        /** Bot API base. Defaults to {@code https://api.telegram.org}. */
        @WithDefault("https://api.telegram.org")
        URI apiUrl();

        /** Bot token; unset = not configured. */
        Optional<String> botToken();
    }

    interface Generic {
        /** Where replies to generic-webhook conversations are posted; unset = not configured. */
        Optional<URI> callbackUrl();

        /** HMAC-SHA256 key of the {@code X-Bayan-Signature} header on callbacks; unset = the webhook secret. */
        Optional<String> secret();
    }

    interface Forward {
        /** The competent authority's intake for forwarded urgent cases; unset = not configured. */
        Optional<URI> url();

        /** HMAC-SHA256 key for forwards and for the authority's acknowledgments; unset = the webhook secret. */
        Optional<String> secret();

        /** A forward not acknowledged within this time escalates the case. Defaults to 10 min. */
        @WithDefault("PT10M")
        Duration ackTimeout();
    }

    interface Alert {
        /** Optional signed webhook for SLA breaches (and spike alerts); unset = no alert is sent. */
        Optional<URI> url();

        /** HMAC-SHA256 key for alerts; unset = the webhook secret. */
        Optional<String> secret();
    }
}
