package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A participant breaks the running silence procedure, with a reason. */
public record BreakSilenceCommand(@TargetAggregateIdentifier String consultationId,
                                  String reason,
                                  Actor by) {
}
