package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.AlternativeSupportWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.BracketTextCommand;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ResolveBracketCommand;
import org.concord.messages.negotiation.SupportAlternativeCommand;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.negotiation.WithdrawAlternativeSupportCommand;
import org.concord.messages.consultation.TextRevisedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.concord.command.consultation.command.ConsultationFixtures.CREATED;
import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.FRANCE;
import static org.concord.command.consultation.command.ConsultationFixtures.consultationFixture;
import static org.concord.command.consultation.command.NegotiationFixtures.PROVISION_1_BRACKETED;
import static org.concord.command.consultation.command.NegotiationFixtures.SPYWARE;
import static org.concord.command.consultation.command.NegotiationFixtures.STOP_BRACKETED;
import static org.concord.command.consultation.command.NegotiationFixtures.SURVEILLANCE;
import static org.concord.command.consultation.command.NegotiationFixtures.TOOLS_BRACKETED;
import static org.concord.command.consultation.command.NegotiationFixtures.changed;
import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_FOUND;

/** Brackets: which words may be bracketed, who supports which alternative, and how a resolution rewords the provision. */
class BracketTest {

    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = consultationFixture();
    }

    private static BracketTextCommand bracket(String id, int version, int start, int end, List<Alternative> alternatives) {
        return new BracketTextCommand("c-1", id, "prov-1", version, start, end, alternatives, null, DRAFTER);
    }

    @Test
    void bracketing_quotes_the_words_and_brackets_the_provision() {
        fixture.given(CREATED)
                .when(bracket("b-1", 1, 3, 5, List.of(SPYWARE, SURVEILLANCE)))
                .expectEvents(TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .expectResultMessagePayload(List.of("alt-1", "alt-2"));
    }

    @Test
    void a_second_bracket_in_a_bracketed_provision_changes_no_status() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(bracket("b-2", 1, 5, 6, List.of()))
                .expectEvents(STOP_BRACKETED);
    }

    @Test
    void an_agreed_provision_is_bracketed_too() {
        fixture.given(CREATED, changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED, "Agreed"))
                .when(bracket("b-2", 1, 5, 6, List.of()))
                .expectEvents(STOP_BRACKETED, changed(ProvisionStatus.AGREED, ProvisionStatus.BRACKETED, "Passage bracketed"));
    }

    @Test
    void the_words_are_selected_in_the_current_version() {
        TextRevisedEvent revised = new TextRevisedEvent("c-1", 2, 1, "Tidy", List.of(new TextChange(ChangeKind.REPLACE, "prov-2", null,
                null, "Vendors must assess risks.")), DRAFTER);
        fixture.given(CREATED, revised)
                .when(bracket("b-1", 1, 3, 5, List.of()))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The text is now at version 2; select the words again in version 2.");
    }

    @Test
    void a_version_that_does_not_exist_is_invalid() {
        fixture.given(CREATED).when(bracket("b-1", 2, 3, 5, List.of())).expectException(refused(INVALID, "version"));
    }

    @Test
    void the_start_is_a_word_of_the_provision() {
        fixture.given(CREATED).when(bracket("b-1", 1, 6, 7, List.of())).expectException(refused(INVALID, "start"));
        fixture.given(CREATED).when(bracket("b-1", 1, -1, 2, List.of())).expectException(refused(INVALID, "start"));
    }

    @Test
    void the_end_is_after_the_start_and_within_the_provision() {
        fixture.given(CREATED).when(bracket("b-1", 1, 3, 3, List.of())).expectException(refused(INVALID, "end"));
        fixture.given(CREATED).when(bracket("b-1", 1, 3, 7, List.of())).expectException(refused(INVALID, "end"));
    }

    @Test
    void a_bracket_has_no_alternative_or_two_to_five() {
        fixture.given(CREATED).when(bracket("b-1", 1, 3, 5, List.of(SPYWARE))).expectException(refused(INVALID, "alternatives"));
        List<Alternative> six = List.of(SPYWARE, SURVEILLANCE, alt("a3"), alt("a4"), alt("a5"), alt("a6"));
        fixture.given(CREATED).when(bracket("b-1", 1, 3, 5, six)).expectException(refused(INVALID, "alternatives"));
    }

    @Test
    void brackets_of_one_provision_do_not_overlap() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(bracket("b-2", 1, 4, 6, List.of()))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Words [4, 6) overlap bracket b-1 (words [3, 5)) of provision 1.");
    }

    @Test
    void a_participant_supports_an_alternative_once() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new SupportAlternativeCommand("c-1", "b-1", "alt-1", FRANCE))
                .expectEvents(new AlternativeSupportedEvent("c-1", "b-1", "alt-1", FRANCE));
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED, new AlternativeSupportedEvent("c-1", "b-1", "alt-1", FRANCE))
                .when(new SupportAlternativeCommand("c-1", "b-1", "alt-1", FRANCE))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void a_participant_may_support_several_alternatives_of_one_bracket() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED, new AlternativeSupportedEvent("c-1", "b-1", "alt-1", FRANCE))
                .when(new SupportAlternativeCommand("c-1", "b-1", "alt-2", FRANCE))
                .expectEvents(new AlternativeSupportedEvent("c-1", "b-1", "alt-2", FRANCE));
    }

    @Test
    void support_is_withdrawn_only_by_a_supporter() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new WithdrawAlternativeSupportCommand("c-1", "b-1", "alt-1", FRANCE))
                .expectException(refused(CONFLICT, null));
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED, new AlternativeSupportedEvent("c-1", "b-1", "alt-1", FRANCE))
                .when(new WithdrawAlternativeSupportCommand("c-1", "b-1", "alt-1", FRANCE))
                .expectEvents(new AlternativeSupportWithdrawnEvent("c-1", "b-1", "alt-1", FRANCE));
    }

    @Test
    void an_unknown_bracket_or_alternative_is_not_found() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new SupportAlternativeCommand("c-1", "b-9", "alt-1", FRANCE))
                .expectException(refused(NOT_FOUND, null));
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new SupportAlternativeCommand("c-1", "b-1", "alt-9", FRANCE))
                .expectException(refused(NOT_FOUND, null));
    }

    @Test
    void resolving_the_last_bracket_rewords_the_passage_in_a_new_version_and_reopens_the_provision() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new ResolveBracketCommand("c-1", "b-1", "alt-1", null, "Consensus", DRAFTER))
                .expectEvents(new BracketResolvedEvent("c-1", "b-1", "prov-1", "alt-1", "spyware", "Consensus",
                                new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States should regulate spyware."), 2, DRAFTER),
                        changed(ProvisionStatus.BRACKETED, ProvisionStatus.OPEN, "Brackets resolved"))
                .expectResultMessagePayload(2);
    }

    @Test
    void a_resolution_makes_a_new_version_even_when_the_words_stay() {
        fixture.given(CREATED, STOP_BRACKETED, PROVISION_1_BRACKETED)
                .when(new ResolveBracketCommand("c-1", "b-2", null, ".", "As it was", DRAFTER))
                .expectEvents(new BracketResolvedEvent("c-1", "b-2", "prov-1", null, ".", "As it was",
                                new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States should regulate intrusion tools."), 2,
                                DRAFTER),
                        changed(ProvisionStatus.BRACKETED, ProvisionStatus.OPEN, "Brackets resolved"));
    }

    @Test
    void resolving_a_bracket_moves_the_brackets_after_it_with_the_words() {
        BracketResolvedEvent tools = new BracketResolvedEvent("c-1", "b-1", "prov-1", "alt-1", "spyware", "Consensus",
                new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States should regulate spyware."), 2, DRAFTER);
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED, STOP_BRACKETED, tools)
                .when(new ResolveBracketCommand("c-1", "b-2", null, "!", "Emphasis", DRAFTER))
                .expectEvents(new BracketResolvedEvent("c-1", "b-2", "prov-1", null, "!", "Emphasis",
                                new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States should regulate spyware!"), 3, DRAFTER),
                        changed(ProvisionStatus.BRACKETED, ProvisionStatus.OPEN, "Brackets resolved"));
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED, STOP_BRACKETED, tools)
                .when(new BracketTextCommand("c-1", "b-3", "prov-1", 2, 4, 5, List.of(), null, DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Words [4, 5) overlap bracket b-2 (words [4, 5)) of provision 1.");
    }

    @Test
    void a_resolution_keeps_the_white_space_around_the_passage() {
        TextBracketedEvent spaced = new TextBracketedEvent("c-1", "b-1", "prov-1", 1, 1, 2, "should", List.of(), null, DRAFTER);
        fixture.given(CREATED, spaced, PROVISION_1_BRACKETED)
                .when(new ResolveBracketCommand("c-1", "b-1", null, "shall  at once", "Stronger", DRAFTER))
                .expectEvents(new BracketResolvedEvent("c-1", "b-1", "prov-1", null, "shall  at once", "Stronger",
                                new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall  at once regulate intrusion tools."),
                                2, DRAFTER),
                        changed(ProvisionStatus.BRACKETED, ProvisionStatus.OPEN, "Brackets resolved"));
    }

    @Test
    void a_resolution_names_exactly_one_of_an_alternative_and_a_wording() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new ResolveBracketCommand("c-1", "b-1", "alt-1", "spyware", "r", DRAFTER))
                .expectException(refused(INVALID, "alternativeId"));
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new ResolveBracketCommand("c-1", "b-1", null, " ", "r", DRAFTER))
                .expectException(refused(INVALID, "alternativeId"));
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(new ResolveBracketCommand("c-1", "b-1", "alt-9", null, "r", DRAFTER))
                .expectException(refused(INVALID, "alternativeId"));
    }

    @Test
    void a_resolved_bracket_is_resolved_once_and_supported_no_more() {
        BracketResolvedEvent tools = new BracketResolvedEvent("c-1", "b-1", "prov-1", "alt-1", "spyware", "Consensus",
                new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States should regulate spyware."), 2, DRAFTER);
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED, tools)
                .when(new ResolveBracketCommand("c-1", "b-1", "alt-2", null, "r", DRAFTER))
                .expectException(refused(CONFLICT, null));
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED, tools)
                .when(new SupportAlternativeCommand("c-1", "b-1", "alt-2", FRANCE))
                .expectException(refused(CONFLICT, null));
    }

    private static Alternative alt(String id) {
        return new Alternative(id, "text " + id, List.of());
    }
}
