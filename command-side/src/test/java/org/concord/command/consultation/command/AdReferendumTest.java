package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.negotiation.AdReferendumAgreedEvent;
import org.concord.messages.negotiation.AdReferendumConfirmedEvent;
import org.concord.messages.negotiation.AdReferendumWithdrawnEvent;
import org.concord.messages.negotiation.AgreeAdReferendumCommand;
import org.concord.messages.negotiation.ConfirmAdReferendumCommand;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.SetProvisionStatusCommand;
import org.concord.messages.negotiation.WithdrawAdReferendumCommand;
import org.concord.messages.participant.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.concord.command.consultation.command.ConsultationFixtures.CREATED;
import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.FRANCE;
import static org.concord.command.consultation.command.ConsultationFixtures.consultationFixture;
import static org.concord.command.consultation.command.NegotiationFixtures.FRANCE_2;
import static org.concord.command.consultation.command.NegotiationFixtures.JAPAN;
import static org.concord.command.consultation.command.NegotiationFixtures.PROVISION_1_BRACKETED;
import static org.concord.command.consultation.command.NegotiationFixtures.TOOLS_BRACKETED;
import static org.concord.command.consultation.command.NegotiationFixtures.changed;
import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_ALLOWED;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_FOUND;

/** Ad referendum: a delegation agrees subject to its capital, then confirms or withdraws. */
class AdReferendumTest {

    private static final AdReferendumAgreedEvent FRANCE_AGREED = new AdReferendumAgreedEvent("c-1", "prov-1", "France", "Capital", FRANCE);
    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = consultationFixture();
    }

    @Test
    void a_delegation_agrees_to_an_open_provision_ad_referendum() {
        fixture.given(CREATED)
                .when(new AgreeAdReferendumCommand("c-1", "prov-1", "Capital", FRANCE))
                .expectEvents(FRANCE_AGREED);
    }

    @Test
    void only_a_delegation_agrees_ad_referendum() {
        fixture.given(CREATED)
                .when(new AgreeAdReferendumCommand("c-1", "prov-1", null, new Actor("admin", "Secretariat", null)))
                .expectException(refused(NOT_ALLOWED, null));
    }

    @Test
    void a_bracketed_or_agreed_provision_takes_no_ad_referendum_agreement() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new AgreeAdReferendumCommand("c-1", "prov-1", null, FRANCE))
                .expectException(refused(CONFLICT, null));
        fixture.given(CREATED, changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED, "Agreed"))
                .when(new AgreeAdReferendumCommand("c-1", "prov-1", null, FRANCE))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void one_record_per_organisation_and_provision() {
        fixture.given(CREATED, FRANCE_AGREED)
                .when(new AgreeAdReferendumCommand("c-1", "prov-1", null, FRANCE_2))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void a_participant_of_the_same_organisation_confirms() {
        fixture.given(CREATED, FRANCE_AGREED)
                .when(new ConfirmAdReferendumCommand("c-1", "prov-1", FRANCE_2))
                .expectEvents(new AdReferendumConfirmedEvent("c-1", "prov-1", "France", FRANCE_2));
        fixture.given(CREATED, FRANCE_AGREED)
                .when(new ConfirmAdReferendumCommand("c-1", "prov-1", JAPAN))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void a_confirmed_agreement_no_longer_holds_the_provision_back() {
        fixture.given(CREATED, FRANCE_AGREED, new AdReferendumConfirmedEvent("c-1", "prov-1", "France", FRANCE))
                .when(new SetProvisionStatusCommand("c-1", "prov-1", ProvisionStatus.AGREED, "All confirmed", DRAFTER))
                .expectEvents(changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED, "All confirmed"));
    }

    @Test
    void a_pending_agreement_is_withdrawn_with_a_reason() {
        fixture.given(CREATED, FRANCE_AGREED)
                .when(new WithdrawAdReferendumCommand("c-1", "prov-1", "Capital said no", FRANCE))
                .expectEvents(new AdReferendumWithdrawnEvent("c-1", "prov-1", "France", "Capital said no", FRANCE));
        fixture.given(CREATED, FRANCE_AGREED, new AdReferendumConfirmedEvent("c-1", "prov-1", "France", FRANCE))
                .when(new WithdrawAdReferendumCommand("c-1", "prov-1", "Too late", FRANCE))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void an_unknown_provision_is_not_found() {
        fixture.given(CREATED)
                .when(new AgreeAdReferendumCommand("c-1", "prov-9", null, FRANCE))
                .expectException(refused(NOT_FOUND, null));
    }
}
