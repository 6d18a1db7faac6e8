package org.concord.workspace.api;

import java.util.List;

/**
 * A refusal or failure of the gateway's API, as its problem+json said it (or, when no answer came, as
 * {@link #unavailable()}); the pages turn it into a page of their own with the same status.
 *
 * @param status            the HTTP status of the API's answer (503 when none came)
 * @param type              the problem type after {@code urn:concord:problem:}, e.g. {@code not-found}
 * @param detail            the API's sentence for a person, in English
 * @param errors            for a validation problem, the fields and what is wrong with each
 * @param retryAfterSeconds the API's {@code Retry-After}, or null
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final String detail;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    public ApiProblem(int status, String type, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
        super(status + " " + type + ": " + detail, null, false, false);
        this.status = status;
        this.type = type;
        this.detail = detail;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The gateway did not answer, or not in time. */
    public static ApiProblem unavailable() {
        return new ApiProblem(503, "service-unavailable", "Concord did not answer.", List.of(), null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** One field of a validation problem: its path in the request and the API's message. */
    public record FieldError(String field, String message) {
    }
}
