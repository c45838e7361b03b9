package org.bayan.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bayan.common.ProblemException;
import org.bayan.ingest.Signatures;
import org.bayan.ingest.WebhookConfig;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * The competent authority acknowledges a forward: {@code {"forwardId": "…", "reference": "…"}}, signed with
 * the forward secret in {@code X-Bayan-Signature}. Repeating an acknowledgment changes nothing.
 */
@Path("/webhooks/forward-ack")
public class ForwardAckResource {

    @Inject
    ReplyConfig config;

    @Inject
    WebhookConfig webhooks;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Map<String, Object> acknowledge(@HeaderParam("X-Bayan-Signature") String signature, byte[] body) {
        if (!Signatures.validHmacSha256(signature, body, config.forward().secret().orElse(webhooks.secret()))) {
            throw ProblemException.unauthorized("missing or invalid X-Bayan-Signature");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("the body is not valid JSON", null);
        }
        JsonNode id = node == null ? null : node.get("forwardId");
        if (id == null || !id.isTextual()) {
            throw ProblemException.badRequest("'forwardId' (string) is required", "forwardId");
        }
        JsonNode reference = node.get("reference");
        OutboundMessage forward = OutboundMessage.<OutboundMessage>find("idempotencyKey = ?1 and kind = ?2",
                id.asText(), OutboundMessage.FORWARD).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("no forward '" + id.asText() + "'"));
        if (forward.acknowledgedAt == null) {
            forward.acknowledgedAt = clock.instant();
            forward.ackReference = reference != null && reference.isTextual()
                    ? reference.asText().substring(0, Math.min(200, reference.asText().length())) : null;
            Log.infof("Forward %d of case %d acknowledged by the authority", forward.id, forward.caseId);
        }
        return Map.of("forwardId", forward.idempotencyKey, "acknowledgedAt", forward.acknowledgedAt.toString());
    }
}
