package org.concord.messages.amendment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A drafter rejects an amendment, saying why. */
public record RejectAmendmentCommand(@TargetAggregateIdentifier String consultationId,
                                     String amendmentId,
                                     String reason,
                                     Actor by) implements AmendmentCommand {
}
