package org.bayan.ingest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The signed JSON webhook for any other inbox (see {@link GenericPayloadParser} for the format). */
@Path("/webhooks/generic")
public class GenericWebhookResource {

    @Inject
    WebhookConfig config;

    @Inject
    WebhookIntake intake;

    @Inject
    GenericPayloadParser parser;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public WebhookIntake.Receipt receive(@HeaderParam("Content-Type") String contentType,
                                         @HeaderParam("X-Bayan-Signature") String signature,
                                         byte[] body) {
        return intake.accept("generic", body, contentType,
                () -> Signatures.validHmacSha256(signature, body, config.secret()), parser::parse);
    }
}
