package org.bayan.common;

/**
 * Thrown by services when a request cannot be honoured; mapped to a problem-JSON response.
 * The detail must be safe to show to the caller: no message text, no secrets, no class names.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ProblemException(int status, String title, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ProblemException badRequest(String detail, String field) {
        return new ProblemException(400, "Bad Request", detail, field);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, null);
    }

    public Problem toProblem() {
        return Problem.of(status, title, getMessage(), field);
    }

    public int status() {
        return status;
    }
}
