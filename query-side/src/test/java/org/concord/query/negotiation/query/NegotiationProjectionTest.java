package org.concord.query.negotiation.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.AlternativeSupportWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.CompromiseConsentedEvent;
import org.concord.messages.negotiation.CompromiseObjectedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.negotiation.CompromiseWithdrawnEvent;
import org.concord.messages.negotiation.SilenceProcedureCompletedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.consultation.query.ProvisionView;
import org.concord.query.negotiation.query.NegotiationQueries.FindBracketQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindBracketsQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindCompromiseQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindCompromisesQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindSilenceProcedureQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindSilenceProceduresQuery;
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

/** The brackets, compromises and silence procedures read models, read through their queries. */
class NegotiationProjectionTest {

    private static final Actor CHAIR = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor KENYA = new Actor("p-ke", "Kenya", StakeholderType.STATE);
    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    private static final Actor NGO = new Actor("p-ngo", "Access Now", StakeholderType.NGO);
    private static final TextBracketedEvent BRACKETED = new TextBracketedEvent("c-1", "b-1", "p-1", 3, 7, 9, "before 2030",
            List.of(new Alternative("alt-1", "before 2030", List.of("Kenya")), new Alternative("alt-2", "by 2040", List.of())),
            "in dispute", CHAIR);
    private static final Instant DEADLINE = Instant.parse("2026-12-20T17:00:00Z");

    private MongoClient client;
    private NegotiationProjection projection;
    private TrackedEvents events;

    @BeforeEach
    void setUp() throws Exception {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        projection = new NegotiationProjection(new ReadModels(client.getDatabase(test.name())));
        events = new TrackedEvents(Instant.parse("2026-03-02T09:00:00Z"), projection);
        events.deliver("c-1", new CompromiseProposedEvent("c-1", "k-1", "p-1", "States shall act now.", List.of("a-1", "a-2"),
                List.of("Kenya", "France"), DEADLINE, "both merged", CHAIR));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private CompromiseView compromise() {
        return projection.handle(new FindCompromiseQuery("c-1", "k-1")).orElseThrow();
    }

    @Test
    void a_proposed_compromise_is_pending_and_no_party_has_answered() {
        CompromiseView found = compromise();

        assertThat(found.status()).isEqualTo("PENDING");
        assertThat(found.version()).isNull();
        assertThat(found.parties()).containsExactly(new CompromiseView.Party("Kenya", null, null, null),
                new CompromiseView.Party("France", null, null, null));
        assertThat(found.proposedBy()).isEqualTo(new CompromiseView.ProposedBy("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION));
        assertThat(found.proposedAt()).isEqualTo(events.at(1));
        assertThat(projection.handle(new FindCompromisesQuery("c-1"))).containsExactly(found);
        assertThat(projection.handle(new FindCompromisesQuery("c-2"))).isEmpty();
        assertThat(projection.handle(new FindCompromiseQuery("c-2", "k-1"))).isEmpty();
    }

    @Test
    void each_party_answer_is_recorded_with_its_reason_and_time() throws Exception {
        events.deliver("c-1", new CompromiseConsentedEvent("c-1", "k-1", "Kenya", KENYA));
        events.deliver("c-1", new CompromiseObjectedEvent("c-1", "k-1", "France", "too weak", FRANCE));
        events.redeliver(events.position(), "c-1", new CompromiseObjectedEvent("c-1", "k-1", "France", "too weak", FRANCE));

        assertThat(compromise().parties()).containsExactly(new CompromiseView.Party("Kenya", CompromiseView.Answer.CONSENTED, null, events.at(2)),
                new CompromiseView.Party("France", CompromiseView.Answer.OBJECTED, "too weak", events.at(3)));
    }

    @Test
    void an_accepted_compromise_names_the_version_it_made_and_a_withdrawn_one_none() throws Exception {
        events.deliver("c-1", new CompromiseProposedEvent("c-1", "k-2", "p-2", "Vendors shall assess.", List.of("a-3", "a-4"),
                List.of("Kenya"), DEADLINE, null, CHAIR));
        events.deliver("c-1", new CompromiseAcceptedEvent("c-1", "k-1", "p-1", List.of("a-1", "a-2"), "consensus",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall act now."), 4, CHAIR));
        events.deliver("c-1", new CompromiseWithdrawnEvent("c-1", "k-2", "no longer needed", CHAIR));

        assertThat(projection.handle(new FindCompromisesQuery("c-1"))).extracting(CompromiseView::compromiseId,
                        CompromiseView::status, CompromiseView::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k-1", "ACCEPTED", 4),
                        org.assertj.core.groups.Tuple.tuple("k-2", "WITHDRAWN", null));
    }

    @Test
    void silence_procedures_are_listed_oldest_first_and_a_passed_one_is_completed() throws Exception {
        events.deliver("c-1", new SilenceProcedureStartedEvent("c-1", "s-1", "p-1", 3, DEADLINE, "Europe/Paris",
                Set.of(StakeholderType.STATE, StakeholderType.NGO), CHAIR));
        events.deliver("c-1", new SilenceProcedureCompletedEvent("c-1", "s-1", "p-1", 3));

        List<SilenceView> found = projection.handle(new FindSilenceProceduresQuery("c-1"));

        assertThat(found).singleElement().satisfies(silence -> {
            assertThat(silence.status()).isEqualTo("COMPLETED");
            assertThat(silence.provisionId()).isEqualTo("p-1");
            assertThat(silence.breakableBy()).containsExactly(StakeholderType.STATE, StakeholderType.NGO);
            assertThat(silence.deadlineLocal()).isEqualTo("2026-12-20T18:00");
            assertThat(silence.brokenBy()).isNull();
            assertThat(silence.endedAt()).isEqualTo(events.at(3));
        });
        assertThat(projection.handle(new FindSilenceProcedureQuery("c-1", "s-1"))).contains(found.get(0));
        assertThat(projection.handle(new FindSilenceProcedureQuery("c-2", "s-1"))).isEmpty();
    }

    @Test
    void a_bracket_is_open_with_its_alternatives_labelled_and_each_supporter_counted_once() throws Exception {
        events.deliver("c-1", BRACKETED);
        events.deliver("c-1", new AlternativeSupportedEvent("c-1", "b-1", "alt-1", KENYA));
        events.redeliver(events.position(), "c-1", new AlternativeSupportedEvent("c-1", "b-1", "alt-1", KENYA));
        events.deliver("c-1", new AlternativeSupportedEvent("c-1", "b-1", "alt-1", NGO));
        events.deliver("c-1", new AlternativeSupportedEvent("c-1", "b-1", "alt-2", FRANCE));
        events.deliver("c-1", new AlternativeSupportWithdrawnEvent("c-1", "b-1", "alt-2", FRANCE));
        // the bracketing handled again after a crash forgets none of the supporters since
        events.redeliver(2, "c-1", BRACKETED);

        BracketView found = projection.handle(new FindBracketQuery("c-1", "b-1")).orElseThrow();

        assertThat(found.status()).isEqualTo("OPEN");
        assertThat(found.resolution()).isNull();
        assertThat(found.provisionId()).isEqualTo("p-1");
        assertThat(List.of(found.version(), found.start(), found.end())).containsExactly(3, 7, 9);
        assertThat(found.words()).isEqualTo("before 2030");
        assertThat(found.note()).isEqualTo("in dispute");
        assertThat(found.alternatives()).containsExactly(
                new ProvisionView.AlternativeView("alt-1", "Alt 1", "before 2030", List.of("Kenya"),
                        new ProvisionView.Supporters(2, Map.of("NGO", 1, "STATE", 1))),
                new ProvisionView.AlternativeView("alt-2", "Alt 2", "by 2040", List.of(), new ProvisionView.Supporters(0, Map.of())));
        assertThat(found.bracketedBy()).isEqualTo(new BracketView.Drafter("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION));
        assertThat(found.bracketedAt()).isEqualTo(events.at(2));
        assertThat(projection.handle(new FindBracketQuery("c-2", "b-1"))).isEmpty();
        assertThat(projection.handle(new FindBracketsQuery("c-2"))).isEmpty();
    }

    @Test
    void a_resolved_bracket_stays_with_its_resolution_and_the_offsets_it_was_made_with() throws Exception {
        events.deliver("c-1", BRACKETED);
        events.deliver("c-1", new TextBracketedEvent("c-1", "b-2", "p-1", 3, 0, 1, "States", List.of(), null, CHAIR));
        events.deliver("c-1", new BracketResolvedEvent("c-1", "b-2", "p-1", null, "All States", "broader", new TextChange(ChangeKind.REPLACE,
                "p-1", null, null, "All States shall reduce plastic waste by half before 2030."), 4, CHAIR));
        events.redeliver(events.position(), "c-1", new BracketResolvedEvent("c-1", "b-2", "p-1", null, "All States", "broader",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "All States shall reduce plastic waste by half before 2030."), 4, CHAIR));
        events.deliver("c-1", new BracketResolvedEvent("c-1", "b-1", "p-1", "alt-2", "by 2040", "compromise", new TextChange(ChangeKind.REPLACE,
                "p-1", null, null, "All States shall reduce plastic waste by half by 2040."), 5, CHAIR));

        List<BracketView> found = projection.handle(new FindBracketsQuery("c-1"));

        assertThat(found).extracting(BracketView::bracketId, BracketView::status, BracketView::start, BracketView::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b-1", "RESOLVED", 7, 9),
                        org.assertj.core.groups.Tuple.tuple("b-2", "RESOLVED", 0, 1));
        assertThat(found.get(0).resolution()).isEqualTo(new BracketView.Resolution("alt-2", "by 2040", "compromise", 5,
                new BracketView.Drafter("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION), events.at(5)));
        assertThat(found.get(1).resolution()).isEqualTo(new BracketView.Resolution(null, "All States", "broader", 4,
                new BracketView.Drafter("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION), events.at(4)));
        assertThat(found.get(0).alternatives()).extracting(ProvisionView.AlternativeView::label).containsExactly("Alt 1", "Alt 2");
    }
}
