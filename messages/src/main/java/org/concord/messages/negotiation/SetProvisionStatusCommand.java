package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A drafter sets a provision's status (OPEN, AGREED_AD_REF or AGREED; BRACKETED comes from bracketing). */
public record SetProvisionStatusCommand(@TargetAggregateIdentifier String consultationId,
                                        String provisionId,
                                        ProvisionStatus status,
                                        String reason,
                                        Actor by) {
}
