package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.util.Set;

/** A drafter puts the current version (or one provision of it) under silence until {@code deadline}, set in {@code timeZone}. */
public record StartSilenceProcedureCommand(@TargetAggregateIdentifier String consultationId,
                                           String procedureId,
                                           String provisionId,
                                           Instant deadline,
                                           String timeZone,
                                           Set<StakeholderType> breakableBy,
                                           Actor by) {
}
