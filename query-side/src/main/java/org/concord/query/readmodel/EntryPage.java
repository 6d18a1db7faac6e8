package org.concord.query.readmodel;

import org.concord.web.problem.ProblemException;

/**
 * The part of an ordered log ({@link ChunkedEntries}: a timeline, an audit trail) a read asks for: the
 * entries after a global position, at most {@code limit} of them, all when {@code limit} is 0.
 */
public record EntryPage(long after, int limit) {

    public static final int MAX_LIMIT = 10_000;

    /** The page of the {@code after} and {@code limit} request parameters; 400 naming the one out of bounds. */
    public static EntryPage of(long after, Integer limit) {
        if (after < 0) {
            throw ProblemException.invalid("after", "must not be negative");
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new EntryPage(after, limit == null ? 0 : limit);
    }
}
