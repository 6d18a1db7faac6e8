package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A delegate withdraws its support of an alternative. */
public record WithdrawAlternativeSupportCommand(@TargetAggregateIdentifier String consultationId,
                                                String bracketId,
                                                String alternativeId,
                                                Actor supporter) {
}
