package org.concord.query.feed;

import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.amendment.AmendmentSupportWithdrawnEvent;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.amendment.AmendmentWithdrawnEvent;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEndorsedEvent;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.negotiation.AdReferendumAgreedEvent;
import org.concord.messages.negotiation.AdReferendumConfirmedEvent;
import org.concord.messages.negotiation.AdReferendumWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.CompromiseConsentedEvent;
import org.concord.messages.negotiation.CompromiseObjectedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.negotiation.CompromiseWithdrawnEvent;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.SilenceBrokenEvent;
import org.concord.messages.negotiation.SilenceProcedureCompletedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.query.event.EventDescription;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The event types a feed carries, as {@code ?types=} names them. */
final class FeedTypes {

    static final Set<String> ALL = Stream.of(ConsultationCreatedEvent.class, RoundOpenedEvent.class, RoundClosedEvent.class,
                    TextRevisedEvent.class, ConsultationAdoptedEvent.class, ConsultationEndorsedEvent.class,
                    AmendmentProposedEvent.class, AmendmentSupportedEvent.class, AmendmentSupportWithdrawnEvent.class,
                    AmendmentWithdrawnEvent.class, AmendmentAcceptedEvent.class, AmendmentRejectedEvent.class,
                    CommentPostedEvent.class, ProvisionStatusChangedEvent.class, TextBracketedEvent.class,
                    AlternativeSupportedEvent.class, AlternativeSupportWithdrawnEvent.class, BracketResolvedEvent.class,
                    CompromiseProposedEvent.class, CompromiseConsentedEvent.class, CompromiseObjectedEvent.class,
                    CompromiseAcceptedEvent.class, CompromiseWithdrawnEvent.class, AdReferendumAgreedEvent.class,
                    AdReferendumConfirmedEvent.class, AdReferendumWithdrawnEvent.class, SilenceProcedureStartedEvent.class,
                    SilenceBrokenEvent.class, SilenceProcedureCompletedEvent.class)
            .map(EventDescription::typeOf)
            .collect(Collectors.toCollection(TreeSet::new));

    private FeedTypes() {
    }
}
