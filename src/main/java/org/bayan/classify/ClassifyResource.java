package org.bayan.classify;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.bayan.common.ProblemException;
import org.bayan.security.Role;

import java.util.ArrayList;
import java.util.List;

/** Classify text on demand: what the worker would decide for it. Any desk role may call it. */
@Path("/api/v1/classify")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.RESPONDER_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME})
public class ClassifyResource {

    static final int MAX_BATCH = 1000;
    static final int MAX_TEXT = 20_000;

    @Inject
    ClassifierService classifier;

    public record TextRequest(String text) {
    }

    public record BatchRequest(List<String> texts) {
    }

    public record BatchResponse(List<Classification> results) {
    }

    @POST
    public Classification classify(TextRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body {\"text\": \"...\"} is required", "text");
        }
        check(request.text(), "text");
        return classifier.classify(request.text());
    }

    @POST
    @Path("batch")
    public BatchResponse batch(BatchRequest request) {
        if (request == null || request.texts() == null) {
            throw ProblemException.badRequest("a JSON body {\"texts\": [\"...\"]} is required", "texts");
        }
        if (request.texts().isEmpty() || request.texts().size() > MAX_BATCH) {
            throw ProblemException.badRequest("texts must hold 1 to " + MAX_BATCH + " texts", "texts");
        }
        for (int i = 0; i < request.texts().size(); i++) {
            check(request.texts().get(i), "texts[" + i + "]");
        }
        ClassificationEngine engine = classifier.engine();
        List<Classification> results = new ArrayList<>(request.texts().size());
        for (String text : request.texts()) {
            results.add(engine.classify(text));
        }
        return new BatchResponse(results);
    }

    private static void check(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest(field + " must not be empty", field);
        }
        if (text.length() > MAX_TEXT) {
            throw ProblemException.badRequest(field + " is longer than " + MAX_TEXT + " characters", field);
        }
    }
}
