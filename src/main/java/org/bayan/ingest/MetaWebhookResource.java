package org.bayan.ingest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.bayan.common.ProblemException;

/** Meta's callback URL: subscription check (GET) and deliveries for Messenger, Page comments, Instagram, WhatsApp. */
@Path("/webhooks/meta")
public class MetaWebhookResource {

    @Inject
    MetaConfig config;

    @Inject
    WebhookIntake intake;

    @Inject
    MetaPayloadParser parser;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String verify(@QueryParam("hub.mode") String mode,
                         @QueryParam("hub.verify_token") String token,
                         @QueryParam("hub.challenge") String challenge) {
        if (!"subscribe".equals(mode)) {
            throw ProblemException.badRequest("hub.mode must be 'subscribe'", "hub.mode");
        }
        if (challenge == null || challenge.isEmpty()) {
            throw ProblemException.badRequest("hub.challenge is required", "hub.challenge");
        }
        if (!Signatures.validToken(token, config.verifyToken())) {
            throw new ProblemException(403, "Forbidden", "The verify token does not match.", "hub.verify_token");
        }
        return challenge;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public WebhookIntake.Receipt receive(@HeaderParam("Content-Type") String contentType,
                                         @HeaderParam("X-Hub-Signature-256") String signature,
                                         byte[] body) {
        return intake.accept("meta", body, contentType,
                () -> Signatures.validHmacSha256(signature, body, config.appSecret()), parser::parse);
    }
}
