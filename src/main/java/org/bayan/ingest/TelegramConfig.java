package org.bayan.ingest;

import io.smallrye.config.ConfigMapping;

/** Telegram bot webhook secret. */
@ConfigMapping(prefix = "bayan.telegram")
public interface TelegramConfig {

    /** Value of {@code X-Telegram-Bot-Api-Secret-Token}, as given to setWebhook. Env: BAYAN_TELEGRAM_SECRET. */
    String secret();
}
