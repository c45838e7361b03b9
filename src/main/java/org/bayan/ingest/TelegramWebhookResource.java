package org.bayan.ingest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Telegram bot webhook: authenticated by the secret token given to setWebhook. */
@Path("/webhooks/telegram")
public class TelegramWebhookResource {

    @Inject
    TelegramConfig config;

    @Inject
    WebhookIntake intake;

    @Inject
    TelegramPayloadParser parser;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public WebhookIntake.Receipt receive(@HeaderParam("Content-Type") String contentType,
                                         @HeaderParam("X-Telegram-Bot-Api-Secret-Token") String token,
                                         byte[] body) {
        return intake.accept("telegram", body, contentType,
                () -> Signatures.validToken(token, config.secret()), parser::parse);
    }
}
