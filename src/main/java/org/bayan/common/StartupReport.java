package org.bayan.common;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bayan.ingest.MetaConfig;
import org.bayan.ingest.TelegramConfig;
import org.bayan.ingest.WebhookConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;

/** Says where Bayan listens and keeps its data, and warns loudly when production runs on development secrets. */
@ApplicationScoped
public class StartupReport {

    static final String DEV_PREFIX = "dev-";

    void onStart(@Observes StartupEvent event, MetaConfig meta, TelegramConfig telegram, WebhookConfig webhook,
                 @ConfigProperty(name = "bayan.data-dir") Path dataDir,
                 @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host,
                 @ConfigProperty(name = "quarkus.http.port") int port) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            StringBuilder dev = new StringBuilder();
            append(dev, "BAYAN_META_APP_SECRET", meta.appSecret());
            append(dev, "BAYAN_META_VERIFY_TOKEN", meta.verifyToken());
            append(dev, "BAYAN_TELEGRAM_SECRET", telegram.secret());
            append(dev, "BAYAN_WEBHOOK_SECRET", webhook.secret());
            if (dev.length() > 0) {
                Log.warn("**************************************************************************");
                Log.warnf("*** DEVELOPMENT SECRETS IN USE: %s", dev);
                Log.warn("*** Anyone who has read the README can sign webhooks. Set real secrets in production.");
                Log.warn("**************************************************************************");
            }
        }
        String shown = "0.0.0.0".equals(host) ? "localhost" : host;
        Log.infof("Bayan is listening on http://%s:%d (console /console, API /api/v1, health /q/health, OpenAPI /q/swagger-ui); data in %s",
                shown, port, dataDir.toAbsolutePath().normalize());
    }

    private static void append(StringBuilder out, String name, String value) {
        if (value != null && value.startsWith(DEV_PREFIX)) {
            out.append(out.length() == 0 ? "" : ", ").append(name);
        }
    }
}
