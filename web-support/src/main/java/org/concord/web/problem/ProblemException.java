package org.concord.web.problem;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A request that cannot be served, with the answer the client gets as problem+json. Domain and web
 * code throw it; {@link ProblemDetailsExceptionHandler} writes it.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final List<FieldProblem> errors;

    public ProblemException(HttpStatus status, String type, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(HttpStatus status, String type, String detail) {
        this(status, type, detail, List.of());
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "The request is not valid.",
                List.of(new FieldProblem(field, message)));
    }

    public static ProblemException unauthenticated(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "conflict", detail);
    }

    public HttpStatus status() {
        return status;
    }

    /** The last part of the problem type URI, e.g. {@code validation}. */
    public String type() {
        return type;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
