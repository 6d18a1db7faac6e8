package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.amendment.AcceptAmendmentCommand;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.ReviseTextCommand;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.negotiation.AdReferendumAgreedEvent;
import org.concord.messages.negotiation.AgreeAdReferendumCommand;
import org.concord.messages.negotiation.ConfirmAdReferendumCommand;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.SetProvisionStatusCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.concord.command.consultation.command.ConsultationFixtures.CREATED;
import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.FRANCE;
import static org.concord.command.consultation.command.ConsultationFixtures.OPENED;
import static org.concord.command.consultation.command.ConsultationFixtures.REPLACE_1;
import static org.concord.command.consultation.command.ConsultationFixtures.consultationFixture;
import static org.concord.command.consultation.command.NegotiationFixtures.PROVISION_1_BRACKETED;
import static org.concord.command.consultation.command.NegotiationFixtures.TOOLS_BRACKETED;
import static org.concord.command.consultation.command.NegotiationFixtures.changed;
import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_FOUND;

/** A provision's status: who sets what, and how an agreed or bracketed provision keeps its words. */
class ProvisionStatusTest {

    private static final ProvisionStatusChangedEvent AGREED = changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED, "Agreed");
    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = consultationFixture();
    }

    @Test
    void a_drafter_agrees_an_open_provision() {
        fixture.given(CREATED)
                .when(new SetProvisionStatusCommand("c-1", "prov-1", ProvisionStatus.AGREED, "Agreed in plenary", DRAFTER))
                .expectEvents(changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED, "Agreed in plenary"));
    }

    @Test
    void bracketed_is_not_set_directly() {
        fixture.given(CREATED)
                .when(new SetProvisionStatusCommand("c-1", "prov-1", ProvisionStatus.BRACKETED, "r", DRAFTER))
                .expectException(refused(INVALID, "status"));
    }

    @Test
    void setting_the_status_a_provision_already_has_is_a_conflict() {
        fixture.given(CREATED)
                .when(new SetProvisionStatusCommand("c-1", "prov-1", ProvisionStatus.OPEN, "r", DRAFTER))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void an_unknown_provision_is_not_found() {
        fixture.given(CREATED)
                .when(new SetProvisionStatusCommand("c-1", "prov-9", ProvisionStatus.AGREED, "r", DRAFTER))
                .expectException(refused(NOT_FOUND, null));
    }

    @Test
    void a_bracketed_provision_changes_status_only_by_resolving_its_brackets() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new SetProvisionStatusCommand("c-1", "prov-1", ProvisionStatus.AGREED, "r", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Provision 1 has unresolved brackets: resolve its brackets first.");
    }

    @Test
    void a_provision_is_not_agreed_while_ad_referendum_agreements_are_pending() {
        fixture.given(CREATED, new AdReferendumAgreedEvent("c-1", "prov-1", "France", null, FRANCE))
                .when(new SetProvisionStatusCommand("c-1", "prov-1", ProvisionStatus.AGREED, "r", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Provision 1 cannot be AGREED while ad referendum agreements await confirmation: France.");
    }

    @Test
    void no_status_changes_after_adoption() {
        fixture.given(CREATED, new ConsultationAdoptedEvent("c-1", 1, DRAFTER))
                .when(new SetProvisionStatusCommand("c-1", "prov-1", ProvisionStatus.AGREED, "r", DRAFTER))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void reopening_a_provision_discards_its_ad_referendum_records() {
        fixture.given(CREATED, new AdReferendumAgreedEvent("c-1", "prov-1", "France", null, FRANCE),
                        changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED_AD_REF, "Ad ref"),
                        changed(ProvisionStatus.AGREED_AD_REF, ProvisionStatus.OPEN, "Reopened"))
                .when(new ConfirmAdReferendumCommand("c-1", "prov-1", FRANCE))
                .expectException(refused(CONFLICT, null));
        fixture.given(CREATED, new AdReferendumAgreedEvent("c-1", "prov-1", "France", null, FRANCE),
                        changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED_AD_REF, "Ad ref"),
                        changed(ProvisionStatus.AGREED_AD_REF, ProvisionStatus.OPEN, "Reopened"))
                .when(new AgreeAdReferendumCommand("c-1", "prov-1", null, FRANCE))
                .expectEvents(new AdReferendumAgreedEvent("c-1", "prov-1", "France", null, FRANCE));
    }

    @Test
    void an_agreed_provision_keeps_its_words_against_an_amendment() {
        fixture.given(CREATED, OPENED, REPLACE_1, AGREED)
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Agreed", null, "new-id", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Provision 1 is AGREED; a drafter reopens it (status OPEN) first.");
    }

    @Test
    void a_reopened_provision_takes_the_amendment() {
        fixture.given(CREATED, OPENED, REPLACE_1, AGREED, changed(ProvisionStatus.AGREED, ProvisionStatus.OPEN, "Reopened"))
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Agreed", null, "new-id", DRAFTER))
                .expectEvents(new AmendmentAcceptedEvent("c-1", "a-1", AmendmentStatus.ACCEPTED, "Agreed",
                        new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall regulate intrusion tools."), 2, DRAFTER));
    }

    @Test
    void a_revision_does_not_replace_or_delete_an_agreed_provision() {
        fixture.given(CREATED, AGREED)
                .when(new ReviseTextCommand("c-1", 1, "Tidy", List.of(new TextChange(ChangeKind.DELETE, "prov-1", null, null, null)),
                        DRAFTER))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void a_revision_inserts_after_an_agreed_provision() {
        TextChange insert = new TextChange(ChangeKind.INSERT_AFTER, "prov-1", "prov-3", "1.a", "States should publish licences.");
        fixture.given(CREATED, AGREED)
                .when(new ReviseTextCommand("c-1", 1, "Add", List.of(insert), DRAFTER))
                .expectEvents(new TextRevisedEvent("c-1", 2, 1, "Add", List.of(insert), DRAFTER));
    }
}
