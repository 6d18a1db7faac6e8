package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

import java.util.List;

/** A drafter brackets words [start, end) of a provision as worded in {@code version}, with 0 or 2 to 5 alternatives. */
public record BracketTextCommand(@TargetAggregateIdentifier String consultationId,
                                 String bracketId,
                                 String provisionId,
                                 int version,
                                 int start,
                                 int end,
                                 List<Alternative> alternatives,
                                 String note,
                                 Actor by) {
}
