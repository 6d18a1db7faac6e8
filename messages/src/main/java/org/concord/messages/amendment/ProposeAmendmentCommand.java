package org.concord.messages.amendment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.participant.Actor;

/** Propose a change to one provision against the version the author read. */
public record ProposeAmendmentCommand(@TargetAggregateIdentifier String consultationId,
                                      String amendmentId,
                                      ChangeKind kind,
                                      String provisionId,
                                      int baseVersion,
                                      String text,
                                      String label,
                                      String justification,
                                      Actor author) {
}
