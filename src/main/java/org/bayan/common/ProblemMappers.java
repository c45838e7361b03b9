package org.bayan.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/**
 * Turns every failure into a problem-JSON answer. Client mistakes get a 4xx that says what was wrong;
 * anything unexpected gets a 500 carrying only an error id that matches the log line.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response unavailable(StorageUnavailableException e) {
        Log.warnf("Storage unavailable, answering 503: %s", e.getMessage());
        return serviceUnavailable(5, "The message store is temporarily unavailable; nothing was stored. Retry later.");
    }

    /**
     * A change that waited too long for a row another transaction holds: on H2 after its lock timeout, for instance a
     * supervisor's merge while the processing worker holds the clustering lock through a long batch. The transaction
     * rolled back, so nothing changed, and the same request succeeds once the other change is done: a busy desk,
     * not a fault.
     */
    @ServerExceptionMapper({LockTimeoutException.class, PessimisticLockException.class})
    public Response busy(PersistenceException e) {
        Log.warnf("A lock was not granted in time (%s); answering 503", e.getClass().getSimpleName());
        return serviceUnavailable(2, "Another change to the same records is in progress; nothing was changed. Retry in a moment.");
    }

    /** A 503 the client is told to retry after the given seconds: nothing was done, and the same request may succeed. */
    private static Response serviceUnavailable(int retryAfterSeconds, String detail) {
        return Response.status(503)
                .header("Retry-After", Integer.toString(retryAfterSeconds))
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(503, "Service Unavailable", detail, null))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "Your role does not allow this.", null));
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return respond(Problem.of(400, "Bad Request", "The body is not valid JSON" + where + ".", null));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        var violation = e.getConstraintViolations().stream().findFirst();
        String field = violation.map(v -> lastNode(v.getPropertyPath().toString())).orElse(null);
        String detail = violation.map(v -> field + " " + v.getMessage()).orElse("Invalid request.");
        return respond(Problem.of(400, "Bad Request", detail, field));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        Response.ResponseBuilder builder = Response.fromResponse(e.getResponse()).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, safeDetail(status), null));
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error %s", errorId);
        return respond(Problem.of(500, "Internal Server Error",
                "Unexpected error; reference " + errorId + " in the service log.", null));
    }

    private static String safeDetail(int status) {
        return switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "Method not allowed on this resource.";
            case 406 -> "Cannot produce the requested media type.";
            case 415 -> "Unsupported content type.";
            case 401 -> "Authentication required.";
            case 403 -> "Your role does not allow this.";
            default -> "The request could not be processed.";
        };
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
