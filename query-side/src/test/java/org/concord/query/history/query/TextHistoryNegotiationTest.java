package org.concord.query.history.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.history.FindProvenanceQuery;
import org.concord.messages.history.FindProvisionHistoryQuery;
import org.concord.messages.history.FindTextAtVersionQuery;
import org.concord.messages.history.FindVersionsQuery;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.history.query.HistoryViews.Form;
import org.concord.query.history.query.HistoryViews.VersionProvision;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.readmodel.TrackedEvents;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The history of a negotiated text: each version's provision statuses and brackets as they stood at the end of
 * its life, its clean and negotiation forms, and the versions resolutions and compromises make, with their provenance.
 */
class TextHistoryNegotiationTest {

    private static final Actor CHAIR = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor KENYA = new Actor("p-ke", "Kenya", StakeholderType.STATE);
    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    private static final String WORDING = "States shall reduce plastic waste by half before 2030.";

    private MongoClient client;
    private TextHistoryQueries queries;
    private TrackedEvents events;

    @BeforeEach
    void setUp() throws Exception {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        ReadModels readModels = new ReadModels(client.getDatabase(test.name()));
        queries = new TextHistoryQueries(readModels);
        events = new TrackedEvents(Instant.parse("2026-03-02T09:00:00Z"), new TextHistoryProjection(readModels));
        events.deliver("c-1", new ConsultationCreatedEvent("c-1", "Ocean plastics", null, Visibility.PUBLIC,
                List.of(new Provision("p-1", "1", WORDING), new Provision("p-2", "2", "States shall report.")),
                ConsultationStatus.OPEN, CHAIR, 1));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private VersionProvision first(int version) {
        return queries.handle(new FindTextAtVersionQuery("c-1", version)).orElseThrow().provisions().get(0);
    }

    private void bracketBoth() throws Exception {
        events.deliver("c-1", new TextBracketedEvent("c-1", "b-1", "p-1", 1, 1, 2, "shall", List.of(
                new Alternative("alt-1", "shall", List.of("Kenya")), new Alternative("alt-2", "should at least", List.of())), null, CHAIR));
        events.deliver("c-1", new ProvisionStatusChangedEvent("c-1", "p-1", ProvisionStatus.OPEN, ProvisionStatus.BRACKETED,
                "Passage bracketed", CHAIR));
        events.deliver("c-1", new TextBracketedEvent("c-1", "b-2", "p-1", 1, 7, 9, "before 2030", List.of(), "dates", CHAIR));
    }

    @Test
    void a_version_shows_its_brackets_in_the_negotiation_form_and_leaves_them_out_of_the_clean_form() throws Exception {
        bracketBoth();

        VersionProvision bracketed = first(1);

        assertThat(bracketed.status()).isEqualTo(ProvisionStatus.BRACKETED);
        assertThat(bracketed.text()).isEqualTo(WORDING);
        assertThat(bracketed.negotiationText()).isEqualTo("States [Alt 1: shall / Alt 2: should at least] reduce plastic waste by half [before 2030].");
        assertThat(bracketed.cleanText()).isEqualTo("States reduce plastic waste by half.");
        assertThat(bracketed.in(Form.CLEAN).text()).isEqualTo("States reduce plastic waste by half.");
        assertThat(bracketed.brackets().get(0).alternatives()).extracting(HistoryViews.VersionAlternative::label).containsExactly("Alt 1", "Alt 2");
        assertThat(queries.handle(new FindTextAtVersionQuery("c-1", 1)).orElseThrow().provisions().get(1).status()).isEqualTo(ProvisionStatus.OPEN);
    }

    @Test
    void a_resolution_makes_a_version_that_keeps_the_other_brackets_moved_while_the_old_version_keeps_both() throws Exception {
        bracketBoth();
        String resolved = "States should at least reduce plastic waste by half before 2030.";
        events.deliver("c-1", new BracketResolvedEvent("c-1", "b-1", "p-1", "alt-2", "should at least", "consensus",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, resolved), 2, CHAIR));

        assertThat(first(1).brackets()).extracting(HistoryViews.VersionBracket::bracketId).containsExactly("b-1", "b-2");
        assertThat(first(2).text()).isEqualTo(resolved);
        assertThat(first(2).brackets()).extracting(HistoryViews.VersionBracket::bracketId, HistoryViews.VersionBracket::start,
                HistoryViews.VersionBracket::end).containsExactly(tuple("b-2", 9, 11));
        assertThat(first(2).negotiationText()).isEqualTo("States should at least reduce plastic waste by half [before 2030].");
        assertThat(queries.handle(new FindVersionsQuery("c-1"))).last().satisfies(version -> {
            assertThat(version.cause().type()).isEqualTo("BRACKET");
            assertThat(version.cause().bracketId()).isEqualTo("b-1");
            assertThat(version.cause().reason()).isEqualTo("consensus");
        });
        assertThat(queries.handle(new FindProvisionHistoryQuery("c-1", "p-1"))).extracting(HistoryViews.Wording::version).containsExactly(1, 2);
        assertThat(queries.handle(new FindProvenanceQuery("c-1")).orElseThrow().provisions().get(0).spans())
                .extracting(HistoryViews.Span::text, HistoryViews.Span::organisation)
                .contains(tuple("should at least ", "Secretariat"));
    }

    @Test
    void a_status_change_after_a_resolution_belongs_to_the_version_it_made() throws Exception {
        bracketBoth();
        events.deliver("c-1", new BracketResolvedEvent("c-1", "b-2", "p-1", null, "by 2035", "dates agreed",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall reduce plastic waste by half by 2035."), 2, CHAIR));
        events.deliver("c-1", new BracketResolvedEvent("c-1", "b-1", "p-1", "alt-1", "shall", "kept",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall reduce plastic waste by half by 2035."), 3, CHAIR));
        events.deliver("c-1", new ProvisionStatusChangedEvent("c-1", "p-1", ProvisionStatus.BRACKETED, ProvisionStatus.OPEN,
                "Brackets resolved", CHAIR));

        assertThat(first(2).status()).isEqualTo(ProvisionStatus.BRACKETED);
        assertThat(first(2).brackets()).extracting(HistoryViews.VersionBracket::bracketId).containsExactly("b-1");
        assertThat(first(3).status()).isEqualTo(ProvisionStatus.OPEN);
        assertThat(first(3).brackets()).isEmpty();
        assertThat(first(3).negotiationText()).isEqualTo(first(3).text());
    }

    @Test
    void a_compromise_makes_a_version_crediting_its_words_to_the_merged_amendments_and_the_rest_to_the_chair() throws Exception {
        events.deliver("a-1", new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE, "p-2", 1, "States shall report yearly.",
                null, "often", 1, KENYA));
        events.deliver("a-2", new AmendmentProposedEvent("c-1", "a-2", ChangeKind.REPLACE, "p-2", 1, "States shall report publicly.",
                null, "openly", 1, FRANCE));
        events.deliver("c-1", new CompromiseAcceptedEvent("c-1", "k-1", "p-2", List.of("a-1", "a-2"), "both",
                new TextChange(ChangeKind.REPLACE, "p-2", null, null, "States shall report publicly and yearly."), 2, CHAIR));

        assertThat(queries.handle(new FindTextAtVersionQuery("c-1", 2)).orElseThrow().provisions().get(1).text())
                .isEqualTo("States shall report publicly and yearly.");
        assertThat(queries.handle(new FindVersionsQuery("c-1"))).last().satisfies(version -> {
            assertThat(version.cause().type()).isEqualTo("COMPROMISE");
            assertThat(version.cause().compromiseId()).isEqualTo("k-1");
        });
        assertThat(queries.handle(new FindProvenanceQuery("c-1")).orElseThrow().provisions().get(1).spans())
                .extracting(HistoryViews.Span::text, HistoryViews.Span::amendmentId, HistoryViews.Span::organisation)
                .containsExactly(
                        tuple("States shall report", null, "Secretariat"),
                        tuple(" ", "a-1", "Kenya"),
                        tuple("publicly", "a-2", "France"),
                        tuple(" and ", null, "Secretariat"),
                        tuple("yearly", "a-1", "Kenya"),
                        tuple(".", null, "Secretariat"));
    }
}
