package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A drafter resolves a bracket by keeping one alternative ({@code alternativeId}) or with a new wording ({@code text}): exactly one of the two. */
public record ResolveBracketCommand(@TargetAggregateIdentifier String consultationId,
                                    String bracketId,
                                    String alternativeId,
                                    String text,
                                    String reason,
                                    Actor by) {
}
