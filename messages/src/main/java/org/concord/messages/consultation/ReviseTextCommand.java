package org.concord.messages.consultation;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A drafter changes the text directly, between rounds, against the version they read. */
public record ReviseTextCommand(@TargetAggregateIdentifier String consultationId,
                                int baseVersion,
                                String reason,
                                List<TextChange> changes,
                                Actor by) {
}
