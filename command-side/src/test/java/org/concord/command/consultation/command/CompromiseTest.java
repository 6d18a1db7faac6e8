package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.amendment.AcceptAmendmentCommand;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.AmendmentWithdrawnEvent;
import org.concord.messages.amendment.RejectAmendmentCommand;
import org.concord.messages.amendment.WithdrawAmendmentCommand;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.negotiation.AcceptCompromiseCommand;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.CompromiseConsentedEvent;
import org.concord.messages.negotiation.CompromiseObjectedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.negotiation.CompromiseWithdrawnEvent;
import org.concord.messages.negotiation.ConsentToCompromiseCommand;
import org.concord.messages.negotiation.ObjectToCompromiseCommand;
import org.concord.messages.negotiation.ProposeCompromiseCommand;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.WithdrawCompromiseCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.concord.command.consultation.command.ConsultationFixtures.CREATED;
import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.FRANCE;
import static org.concord.command.consultation.command.ConsultationFixtures.NGO;
import static org.concord.command.consultation.command.ConsultationFixtures.NOW;
import static org.concord.command.consultation.command.ConsultationFixtures.OPENED;
import static org.concord.command.consultation.command.ConsultationFixtures.REPLACE_1;
import static org.concord.command.consultation.command.ConsultationFixtures.consultationFixture;
import static org.concord.command.consultation.command.NegotiationFixtures.JAPAN;
import static org.concord.command.consultation.command.NegotiationFixtures.REPLACE_1_BY_FRANCE_AGAIN;
import static org.concord.command.consultation.command.NegotiationFixtures.REPLACE_1_BY_JAPAN;
import static org.concord.command.consultation.command.NegotiationFixtures.changed;
import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_ALLOWED;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_FOUND;

/** The chair's compromise: what it may merge, who answers it, when it is accepted, and what becomes of its amendments. */
class CompromiseTest {

    private static final Instant ANSWER_BY = NOW.plus(Duration.ofDays(3));
    private static final String WORDING = "States shall regulate intrusion software.";
    private static final CompromiseProposedEvent PROPOSED = new CompromiseProposedEvent("c-1", "k-1", "prov-1", WORDING,
            List.of("a-1", "a-2", "a-3"), List.of("France", "Japan"), ANSWER_BY, null, DRAFTER);
    private static final CompromiseAcceptedEvent ACCEPTED = new CompromiseAcceptedEvent("c-1", "k-1", "prov-1",
            List.of("a-1", "a-2", "a-3"), "Consensus", new TextChange(ChangeKind.REPLACE, "prov-1", null, null, WORDING), 2, DRAFTER);
    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = consultationFixture();
    }

    private static ProposeCompromiseCommand propose(List<String> amendmentIds) {
        return new ProposeCompromiseCommand("c-1", "k-1", "prov-1", WORDING, amendmentIds, ANSWER_BY, null, DRAFTER);
    }

    /** France's a-1 and a-3 and Japan's a-2 merged in pending compromise k-1, then {@code more}. */
    private static List<Object> proposed(Object... more) {
        List<Object> events = new java.util.ArrayList<>(List.of(CREATED, OPENED, REPLACE_1, REPLACE_1_BY_JAPAN,
                REPLACE_1_BY_FRANCE_AGAIN, PROPOSED));
        events.addAll(List.of(more));
        return events;
    }

    @Test
    void the_parties_are_the_organisations_of_the_merged_amendments_in_order() {
        fixture.given(CREATED, OPENED, REPLACE_1, REPLACE_1_BY_JAPAN, REPLACE_1_BY_FRANCE_AGAIN)
                .when(propose(List.of("a-1", "a-2", "a-3")))
                .expectEvents(PROPOSED)
                .expectResultMessagePayload(List.of("France", "Japan"));
    }

    @Test
    void a_compromise_merges_two_to_twenty_distinct_amendments() {
        fixture.given(CREATED, OPENED, REPLACE_1, REPLACE_1_BY_JAPAN)
                .when(propose(List.of("a-1")))
                .expectException(refused(INVALID, "amendmentIds"));
        fixture.given(CREATED, OPENED, REPLACE_1, REPLACE_1_BY_JAPAN)
                .when(propose(List.of("a-1", "a-1")))
                .expectException(refused(INVALID, "amendmentIds"));
    }

    @Test
    void a_compromise_merges_replacements_of_its_provision_only() {
        AmendmentProposedEvent deletion = new AmendmentProposedEvent("c-1", "a-4", ChangeKind.DELETE, "prov-1", 1, null, null, "Drop",
                1, JAPAN);
        AmendmentProposedEvent other = new AmendmentProposedEvent("c-1", "a-5", ChangeKind.REPLACE, "prov-2", 1, "Vendors must.",
                null, "Why", 1, JAPAN);
        fixture.given(CREATED, OPENED, REPLACE_1, deletion)
                .when(propose(List.of("a-1", "a-4")))
                .expectException(refused(INVALID, "amendmentIds"));
        fixture.given(CREATED, OPENED, REPLACE_1, other)
                .when(propose(List.of("a-1", "a-5")))
                .expectException(refused(INVALID, "amendmentIds"));
    }

    @Test
    void a_compromise_merges_pending_amendments_that_no_other_compromise_merges() {
        fixture.given(CREATED, OPENED, REPLACE_1, REPLACE_1_BY_JAPAN, new AmendmentRejectedEvent("c-1", "a-2", "No", DRAFTER))
                .when(propose(List.of("a-1", "a-2")))
                .expectException(refused(CONFLICT, null));
        fixture.given(proposed())
                .when(new ProposeCompromiseCommand("c-1", "k-2", "prov-1", WORDING, List.of("a-1", "a-2"), ANSWER_BY, null, DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Amendment a-1 is already merged in pending compromise k-1.");
    }

    @Test
    void a_compromise_answers_by_a_future_deadline() {
        fixture.given(CREATED, OPENED, REPLACE_1, REPLACE_1_BY_JAPAN)
                .when(new ProposeCompromiseCommand("c-1", "k-1", "prov-1", WORDING, List.of("a-1", "a-2"), NOW, null, DRAFTER))
                .expectException(refused(INVALID, "deadline"));
    }

    @Test
    void a_compromise_is_proposed_while_the_consultation_is_open_or_closed() {
        fixture.given(CREATED)
                .when(propose(List.of("a-1", "a-2")))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void a_party_consents_once() {
        fixture.given(proposed())
                .when(new ConsentToCompromiseCommand("c-1", "k-1", FRANCE))
                .expectEvents(new CompromiseConsentedEvent("c-1", "k-1", "France", FRANCE));
        fixture.given(proposed(new CompromiseConsentedEvent("c-1", "k-1", "France", FRANCE)))
                .when(new ObjectToCompromiseCommand("c-1", "k-1", "Changed our mind", FRANCE))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void only_a_party_answers() {
        fixture.given(proposed())
                .when(new ConsentToCompromiseCommand("c-1", "k-1", NGO))
                .expectException(refused(NOT_ALLOWED, null));
    }

    @Test
    void no_answer_after_the_deadline() {
        fixture.given(proposed())
                .andGivenCurrentTime(ANSWER_BY)
                .when(new ObjectToCompromiseCommand("c-1", "k-1", "Too late", FRANCE))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void an_unknown_compromise_is_not_found() {
        fixture.given(proposed())
                .when(new ConsentToCompromiseCommand("c-1", "k-9", FRANCE))
                .expectException(refused(NOT_FOUND, null));
    }

    @Test
    void a_compromise_every_party_consented_to_is_accepted_and_merges_its_amendments() {
        fixture.given(proposed(new CompromiseConsentedEvent("c-1", "k-1", "France", FRANCE),
                        new CompromiseConsentedEvent("c-1", "k-1", "Japan", JAPAN)))
                .when(new AcceptCompromiseCommand("c-1", "k-1", "Consensus", DRAFTER))
                .expectEvents(ACCEPTED)
                .expectResultMessagePayload(2);
    }

    @Test
    void merged_amendments_are_decided_no_more() {
        fixture.given(proposed(ACCEPTED))
                .when(new RejectAmendmentCommand("c-1", "a-2", "No", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The amendment is " + AmendmentStatus.MERGED + "; only a PROPOSED one can be rejected.");
    }

    @Test
    void a_compromise_nobody_objected_to_is_accepted_after_its_deadline() {
        fixture.given(proposed(new CompromiseConsentedEvent("c-1", "k-1", "France", FRANCE)))
                .andGivenCurrentTime(ANSWER_BY)
                .when(new AcceptCompromiseCommand("c-1", "k-1", "Consensus", DRAFTER))
                .expectEvents(ACCEPTED);
    }

    @Test
    void a_compromise_is_not_accepted_before_every_party_answered() {
        fixture.given(proposed(new CompromiseConsentedEvent("c-1", "k-1", "France", FRANCE)))
                .when(new AcceptCompromiseCommand("c-1", "k-1", "Consensus", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Compromise k-1 cannot be accepted before its deadline " + ANSWER_BY
                        + ": Japan have not answered yet.");
    }

    @Test
    void a_compromise_someone_objected_to_is_not_accepted() {
        fixture.given(proposed(new CompromiseObjectedEvent("c-1", "k-1", "Japan", "Too weak", JAPAN)))
                .andGivenCurrentTime(ANSWER_BY)
                .when(new AcceptCompromiseCommand("c-1", "k-1", "Consensus", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Compromise k-1 cannot be accepted: Japan objected.");
    }

    @Test
    void a_compromise_on_a_provision_that_is_not_open_is_not_accepted() {
        fixture.given(proposed(changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED, "Agreed")))
                .andGivenCurrentTime(ANSWER_BY)
                .when(new AcceptCompromiseCommand("c-1", "k-1", "Consensus", DRAFTER))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void an_amendment_in_a_pending_compromise_is_not_decided_alone() {
        fixture.given(proposed())
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Agreed", null, "new-id", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The amendment is merged in pending compromise k-1; it cannot be "
                        + "accepted on its own (withdraw the compromise first).");
        fixture.given(proposed())
                .when(new RejectAmendmentCommand("c-1", "a-1", "No", DRAFTER))
                .expectException(refused(CONFLICT, null));
        fixture.given(proposed())
                .when(new WithdrawAmendmentCommand("c-1", "a-1", FRANCE))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void a_withdrawn_compromise_frees_its_amendments() {
        fixture.given(proposed())
                .when(new WithdrawCompromiseCommand("c-1", "k-1", "No consensus", DRAFTER))
                .expectEvents(new CompromiseWithdrawnEvent("c-1", "k-1", "No consensus", DRAFTER));
        fixture.given(proposed(new CompromiseWithdrawnEvent("c-1", "k-1", "No consensus", DRAFTER)))
                .when(new WithdrawAmendmentCommand("c-1", "a-1", FRANCE))
                .expectEvents(new AmendmentWithdrawnEvent("c-1", "a-1", FRANCE));
        fixture.given(proposed(new CompromiseWithdrawnEvent("c-1", "k-1", "No consensus", DRAFTER)))
                .when(new WithdrawCompromiseCommand("c-1", "k-1", "Again", DRAFTER))
                .expectException(refused(CONFLICT, null));
    }
}
