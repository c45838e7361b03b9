package org.bayan.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The generic webhook's key, and the body limit every webhook endpoint applies. */
@ConfigMapping(prefix = "bayan.webhook")
public interface WebhookConfig {

    /** HMAC-SHA256 key of the generic webhook ({@code X-Bayan-Signature}). Env: BAYAN_WEBHOOK_SECRET. */
    String secret();

    /** Largest accepted webhook body in bytes; larger ones get 413. Env: BAYAN_WEBHOOK_MAX_BODY_BYTES. */
    @WithDefault("1048576")
    int maxBodyBytes();
}
