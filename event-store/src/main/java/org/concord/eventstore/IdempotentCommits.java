package org.concord.eventstore;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * Commits made under an {@code Idempotency-Key}. A command sent with the key in its metadata
 * ({@link #METADATA_KEY}) passes it to its events (a correlation data provider); the storage engine
 * writes it, with the command handler's result (given by the wiring's {@link CommitHook}), on the last
 * document of the commit, under a unique index. So one key names at most one commit, even when a retry
 * races the attempt it replaces, and a retry whose first attempt died after appending finds that commit's
 * position and result
 * ({@link IdempotentCommitLookup#committedUnder(String)}) instead of running again.
 * The last document, because a commit is stored in order: when it is there, the whole commit is.
 */
public final class IdempotentCommits {

    /** The metadata entry of a command, and of the events it causes, that holds the caller-scoped key. */
    public static final String METADATA_KEY = "idempotencyKey";
    static final String KEY_FIELD = "idempotencyKey";
    static final String RESULT_FIELD = "commandResult";
    static final String INDEX = "idempotencyKey_unique";

    private IdempotentCommits() {
    }

    /** A commit made under a key: its handler's result (null when it had none) and its highest position. */
    public record Outcome(Object result, long position) {
    }

    /** The key a commit is made under: that of its last event, or null. */
    static String keyOf(List<? extends EventMessage<?>> commit) {
        Object key = commit.get(commit.size() - 1).getMetaData().get(METADATA_KEY);
        return key instanceof String text ? text : null;
    }

    /**
     * A command's result as stored with its commit: numbers, strings and lists of strings (a compromise's parties, a
     * bracket's alternative ids); anything else is not kept.
     */
    static Object storable(Object result) {
        if (result instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return List.copyOf(list);
        }
        return result instanceof Number || result instanceof String ? result : null;
    }
}
