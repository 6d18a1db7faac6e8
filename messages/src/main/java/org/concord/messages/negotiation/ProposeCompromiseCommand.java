package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.List;

/** The chair proposes a compromise wording of a provision merging the named pending amendments, to be consented to before {@code deadline}. */
public record ProposeCompromiseCommand(@TargetAggregateIdentifier String consultationId,
                                       String compromiseId,
                                       String provisionId,
                                       String text,
                                       List<String> amendmentIds,
                                       Instant deadline,
                                       String note,
                                       Actor by) {
}
