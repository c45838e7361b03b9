package org.bayan.ingest;

import io.smallrye.config.ConfigMapping;

/** Meta (Messenger, Page comments, Instagram, WhatsApp Cloud API) webhook secrets. */
@ConfigMapping(prefix = "bayan.meta")
public interface MetaConfig {

    /** App secret that signs deliveries ({@code X-Hub-Signature-256}). Env: BAYAN_META_APP_SECRET. */
    String appSecret();

    /** Token Meta echoes when the callback URL is subscribed. Env: BAYAN_META_VERIFY_TOKEN. */
    String verifyToken();
}
