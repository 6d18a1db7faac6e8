package org.concord.command.domain;

/**
 * A command that breaks a rule of the domain, with a message a user can read. {@link Kind} says
 * whether the command itself is wrong or it came at the wrong moment.
 */
public class RuleViolationException extends RuntimeException {

    /** Why the command was refused. */
    public enum Kind {
        /** The command is wrong whatever the state (answered 400). */
        INVALID,
        /** The command conflicts with the current state (answered 409). */
        CONFLICT,
        /** The caller may not do this (answered 403). */
        NOT_ALLOWED,
        /** What the command names does not exist (answered 404). */
        NOT_FOUND
    }

    private final Kind kind;
    private final String field;

    public RuleViolationException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static RuleViolationException invalid(String field, String message) {
        return new RuleViolationException(Kind.INVALID, field, message);
    }

    public static RuleViolationException conflict(String message) {
        return new RuleViolationException(Kind.CONFLICT, null, message);
    }

    public static RuleViolationException notAllowed(String message) {
        return new RuleViolationException(Kind.NOT_ALLOWED, null, message);
    }

    public static RuleViolationException notFound(String message) {
        return new RuleViolationException(Kind.NOT_FOUND, null, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, or null when the rule is about the whole command. */
    public String field() {
        return field;
    }
}
