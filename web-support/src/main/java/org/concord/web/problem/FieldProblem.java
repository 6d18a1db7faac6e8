package org.concord.web.problem;

/** One field of a request that is wrong, and why. */
public record FieldProblem(String field, String message) {
}
