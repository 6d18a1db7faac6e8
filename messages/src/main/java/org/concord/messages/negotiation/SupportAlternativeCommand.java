package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A delegate supports one of a bracket's alternatives. */
public record SupportAlternativeCommand(@TargetAggregateIdentifier String consultationId,
                                        String bracketId,
                                        String alternativeId,
                                        Actor supporter) {
}
