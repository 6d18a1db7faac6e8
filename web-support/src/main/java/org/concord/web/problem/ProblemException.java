package org.concord.web.problem;

import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request that cannot be served, with the answer the client gets as problem+json. Domain and web
 * code throw it; {@link ProblemDetailsExceptionHandler} writes it.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final List<FieldProblem> errors;
    /** When to try again, sent as {@code Retry-After}; null when the answer names no time. */
    private final Duration retryAfter;

    private ProblemException(HttpStatus status, String type, String detail, List<FieldProblem> errors, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public ProblemException(HttpStatus status, String type, String detail, List<FieldProblem> errors) {
        this(status, type, detail, errors, null);
    }

    public ProblemException(HttpStatus status, String type, String detail) {
        this(status, type, detail, List.of());
    }

    /** A 429: the client asked for more than it may at once, and may ask again after {@code retryAfter}. */
    public static ProblemException tooManyRequests(String type, String detail, Duration retryAfter) {
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, type, detail, List.of(), retryAfter);
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

    /** When the client may try again, if the answer says. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
