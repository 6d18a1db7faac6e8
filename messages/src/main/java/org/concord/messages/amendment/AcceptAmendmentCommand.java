package org.concord.messages.amendment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A drafter accepts an amendment, with merged wording when {@code text} is given; {@code newProvisionId} names the provision an INSERT_AFTER creates. */
public record AcceptAmendmentCommand(@TargetAggregateIdentifier String consultationId,
                                     String amendmentId,
                                     String reason,
                                     String text,
                                     String newProvisionId,
                                     Actor by) implements AmendmentCommand {
}
