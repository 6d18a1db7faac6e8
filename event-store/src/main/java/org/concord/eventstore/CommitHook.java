package org.concord.eventstore;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * What the process that appends adds to each commit and learns of it: the engine's one hook, given by the
 * wiring. The command side's keeps its command handler's result with a commit made under an
 * Idempotency-Key, and notes the position a write's answer gives for read-your-writes. Called on the
 * appending thread, in the commit's unit of work; the store itself knows nothing of requests.
 */
public interface CommitHook {

    /** Adds nothing and learns nothing: for processes that append without answering anyone. */
    CommitHook NONE = new CommitHook() {
    };

    /**
     * The result to store with a commit made under an idempotency key, for a retry to answer with; only a
     * number or a string is stored. Null: none.
     */
    default Object resultOf(List<? extends EventMessage<?>> commit) {
        return null;
    }

    /** The commit is stored; {@code highestPosition} is the global position of its last event. */
    default void appended(List<? extends EventMessage<?>> commit, long highestPosition) {
    }
}
