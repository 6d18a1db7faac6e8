package org.concord.command.consultation.command;

import org.concord.command.domain.RuleViolationException;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A running silence procedure: unless a participant of a type in {@code breakableBy} breaks silence before
 * {@code deadline}, the text ({@code provisionId} null) is adopted or the provision agreed, on behalf of
 * {@code startedBy}. Until then the wording under silence stays as it is.
 */
record SilenceProcedure(String procedureId, String provisionId, Instant deadline, String timeZone,
                        Set<StakeholderType> breakableBy, Actor startedBy) {

    /** The name under which the deadline is scheduled with Axon's DeadlineManager. */
    static final String DEADLINE = "silenceProcedure";

    static SilenceProcedure of(SilenceProcedureStartedEvent started) {
        return new SilenceProcedure(started.procedureId(), started.provisionId(), started.deadline(), started.timeZone(),
                started.breakableBy(), started.by());
    }

    boolean onWholeText() {
        return provisionId == null;
    }

    /** Whether it covers {@code provision}: the whole text covers every provision. */
    boolean covers(String provision) {
        return onWholeText() || provisionId.equals(provision);
    }

    RuleViolationException refusal(String action) {
        return RuleViolationException.conflict("Cannot " + action + ": " + (onWholeText() ? "the text" : "provision " + provisionId)
                + " is under a silence procedure until " + deadline + " (" + timeZone + ").");
    }

    void requireBreakableBy(Actor participant) {
        if (participant.stakeholderType() == null || !breakableBy.contains(participant.stakeholderType())) {
            throw RuleViolationException.notAllowed("Only participants of type " + String.join(", ",
                    new TreeSet<>(breakableBy.stream().map(Enum::name).toList())) + " may break this silence.");
        }
    }
}
