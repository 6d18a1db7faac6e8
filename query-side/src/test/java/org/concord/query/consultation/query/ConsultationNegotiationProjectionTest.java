package org.concord.query.consultation.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.negotiation.AdReferendumAgreedEvent;
import org.concord.messages.negotiation.AdReferendumConfirmedEvent;
import org.concord.messages.negotiation.AdReferendumWithdrawnEvent;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.AlternativeSupportWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.SilenceBrokenEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.negotiation.query.SilenceView;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.readmodel.TrackedEvents;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The negotiation of each provision in the consultations read model: status, brackets, alternatives, ad referendum, silence. */
class ConsultationNegotiationProjectionTest {

    private static final Actor CHAIR = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor KENYA = new Actor("p-ke", "Kenya", StakeholderType.STATE);
    private static final Actor NGO = new Actor("p-ngo", "Access Now", StakeholderType.NGO);
    private static final String WORDING = "States shall reduce plastic waste by half before 2030.";

    private MongoClient client;
    private ConsultationProjection consultations;
    private TrackedEvents events;

    @BeforeEach
    void setUp() throws Exception {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        consultations = new ConsultationProjection(new ReadModels(client.getDatabase(test.name())));
        events = new TrackedEvents(Instant.parse("2026-03-02T09:00:00Z"), consultations);
        events.deliver("c-1", new ConsultationCreatedEvent("c-1", "Ocean plastics", null, Visibility.PUBLIC,
                List.of(new Provision("p-1", "1", WORDING), new Provision("p-2", "2", "States shall report.")),
                ConsultationStatus.OPEN, CHAIR, 1));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private ProvisionView provision(String provisionId) {
        return consultations.handle(new FindConsultationQuery("c-1")).orElseThrow().provisions().stream()
                .filter(p -> p.provisionId().equals(provisionId)).findFirst().orElseThrow();
    }

    private void bracket(String bracketId, int start, int end, List<Alternative> alternatives) throws Exception {
        events.deliver("c-1", new TextBracketedEvent("c-1", bracketId, "p-1", 1, start, end,
                org.concord.messages.consultation.Words.quote(WORDING, start, end), alternatives, "in dispute", CHAIR));
    }

    @Test
    void a_provision_nobody_negotiated_is_open_and_reads_as_its_wording() {
        ProvisionView found = provision("p-1");

        assertThat(found.status()).isEqualTo(ProvisionStatus.OPEN);
        assertThat(found.brackets()).isEmpty();
        assertThat(found.adReferendum().pending()).isEmpty();
        assertThat(found.negotiationText()).isEqualTo(WORDING);
        assertThat(consultations.handle(new FindConsultationQuery("c-1")).orElseThrow().silence()).isNull();
    }

    @Test
    void bracketed_words_and_alternatives_show_in_the_negotiation_text() throws Exception {
        bracket("b-1", 4, 6, List.of());
        bracket("b-2", 7, 9, List.of(new Alternative("alt-1", "before 2030", List.of("Kenya")),
                new Alternative("alt-2", "by 2040", List.of())));
        events.deliver("c-1", new ProvisionStatusChangedEvent("c-1", "p-1", ProvisionStatus.OPEN, ProvisionStatus.BRACKETED,
                "Passage bracketed", CHAIR));

        ProvisionView found = provision("p-1");

        assertThat(found.status()).isEqualTo(ProvisionStatus.BRACKETED);
        assertThat(found.negotiationText()).isEqualTo("States shall reduce plastic [waste by] half [Alt 1: before 2030 / Alt 2: by 2040].");
        assertThat(found.brackets()).extracting(ProvisionView.BracketView::bracketId).containsExactly("b-1", "b-2");
        assertThat(found.brackets().get(1).alternatives()).extracting(ProvisionView.AlternativeView::label, ProvisionView.AlternativeView::sponsors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Alt 1", List.of("Kenya")), org.assertj.core.groups.Tuple.tuple("Alt 2", List.of()));
        assertThat(found.text()).isEqualTo(WORDING);
    }

    @Test
    void supporters_of_an_alternative_are_counted_by_stakeholder_type_once_each() throws Exception {
        bracket("b-1", 7, 9, List.of(new Alternative("alt-1", "before 2030", List.of()), new Alternative("alt-2", "by 2040", List.of())));
        events.deliver("c-1", new AlternativeSupportedEvent("c-1", "b-1", "alt-2", KENYA));
        events.deliver("c-1", new AlternativeSupportedEvent("c-1", "b-1", "alt-2", NGO));
        events.redeliver(events.position(), "c-1", new AlternativeSupportedEvent("c-1", "b-1", "alt-2", NGO));
        events.deliver("c-1", new AlternativeSupportedEvent("c-1", "b-1", "alt-1", NGO));
        events.deliver("c-1", new AlternativeSupportWithdrawnEvent("c-1", "b-1", "alt-1", NGO));

        List<ProvisionView.AlternativeView> alternatives = provision("p-1").brackets().get(0).alternatives();

        assertThat(alternatives.get(0).supporters()).isEqualTo(new ProvisionView.Supporters(0, Map.of()));
        assertThat(alternatives.get(1).supporters()).isEqualTo(new ProvisionView.Supporters(2, Map.of("NGO", 1, "STATE", 1)));
    }

    @Test
    void resolving_a_bracket_rewords_the_provision_and_moves_the_brackets_after_it() throws Exception {
        bracket("b-1", 1, 2, List.of(new Alternative("alt-1", "must", List.of()), new Alternative("alt-2", "should at least", List.of())));
        bracket("b-2", 7, 9, List.of());
        String resolved = "States should at least reduce plastic waste by half before 2030.";
        BracketResolvedEvent resolution = new BracketResolvedEvent("c-1", "b-1", "p-1", "alt-2", "should at least", "consensus",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, resolved), 2, CHAIR);
        events.deliver("c-1", resolution);
        events.redeliver(events.position(), "c-1", resolution);

        ProvisionView found = provision("p-1");

        assertThat(found.text()).isEqualTo(resolved);
        assertThat(found.brackets()).singleElement().satisfies(bracket -> {
            assertThat(bracket.bracketId()).isEqualTo("b-2");
            assertThat(bracket.start()).isEqualTo(9);
            assertThat(bracket.end()).isEqualTo(11);
        });
        assertThat(found.negotiationText()).isEqualTo("States should at least reduce plastic waste by half [before 2030].");
        assertThat(consultations.handle(new FindConsultationQuery("c-1")).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void a_bracketing_handled_again_after_its_resolution_does_not_bring_the_bracket_back() throws Exception {
        bracket("b-1", 4, 6, List.of());
        long bracketed = events.position();
        events.deliver("c-1", new BracketResolvedEvent("c-1", "b-1", "p-1", null, "waste", "shorter",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall reduce plastic waste half before 2030."), 2, CHAIR));

        events.redeliver(bracketed, "c-1", new TextBracketedEvent("c-1", "b-1", "p-1", 1, 4, 6, "waste by", List.of(), null, CHAIR));

        assertThat(provision("p-1").brackets()).isEmpty();
    }

    @Test
    void ad_referendum_records_are_pending_then_confirmed_and_withdrawn_ones_disappear() throws Exception {
        events.deliver("c-1", new AdReferendumAgreedEvent("c-1", "p-1", "Kenya", null, KENYA));
        events.deliver("c-1", new AdReferendumAgreedEvent("c-1", "p-1", "France", "capital to confirm",
                new Actor("p-fr", "France", StakeholderType.STATE)));
        events.deliver("c-1", new AdReferendumConfirmedEvent("c-1", "p-1", "Kenya", KENYA));
        events.deliver("c-1", new AdReferendumWithdrawnEvent("c-1", "p-1", "France", "no instructions",
                new Actor("p-fr", "France", StakeholderType.STATE)));

        ProvisionView.AdReferendumView records = provision("p-1").adReferendum();

        assertThat(records.pending()).isEmpty();
        assertThat(records.confirmed()).containsExactly(new ProvisionView.Confirmed("Kenya", events.at(4)));
    }

    @Test
    void reopening_a_provision_discards_its_ad_referendum_records() throws Exception {
        events.deliver("c-1", new AdReferendumAgreedEvent("c-1", "p-1", "Kenya", null, KENYA));
        events.deliver("c-1", new ProvisionStatusChangedEvent("c-1", "p-1", ProvisionStatus.OPEN, ProvisionStatus.AGREED_AD_REF, "ad ref", CHAIR));
        assertThat(provision("p-1").adReferendum().pending()).containsExactly(new ProvisionView.Pending("Kenya", events.at(2)));

        events.deliver("c-1", new ProvisionStatusChangedEvent("c-1", "p-1", ProvisionStatus.AGREED_AD_REF, ProvisionStatus.OPEN, "reopened", CHAIR));

        assertThat(provision("p-1").status()).isEqualTo(ProvisionStatus.OPEN);
        assertThat(provision("p-1").adReferendum().pending()).isEmpty();
    }

    @Test
    void the_latest_silence_procedure_shows_its_deadline_as_set_and_who_broke_it() throws Exception {
        Instant deadline = Instant.parse("2026-12-20T17:00:00Z");
        events.deliver("c-1", new SilenceProcedureStartedEvent("c-1", "s-1", null, 1, deadline, "Europe/Paris",
                Set.of(StakeholderType.STATE), CHAIR));
        events.deliver("c-1", new SilenceBrokenEvent("c-1", "s-1", null, "We need more time.", KENYA));

        SilenceView silence = consultations.handle(new FindConsultationQuery("c-1")).orElseThrow().silence();

        assertThat(silence.procedureId()).isEqualTo("s-1");
        assertThat(silence.deadlineLocal()).isEqualTo("2026-12-20T18:00");
        assertThat(silence.status()).isEqualTo("BROKEN");
        assertThat(silence.brokenBy()).isEqualTo(new SilenceView.BrokenBy("p-ke", "Kenya", StakeholderType.STATE));
        assertThat(silence.reason()).isEqualTo("We need more time.");
        assertThat(silence.startedAt()).isEqualTo(events.at(2));
        assertThat(silence.endedAt()).isEqualTo(events.at(3));
    }
}
