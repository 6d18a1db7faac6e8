package org.concord.query.negotiation.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.CompromiseConsentedEvent;
import org.concord.messages.negotiation.CompromiseObjectedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.negotiation.CompromiseWithdrawnEvent;
import org.concord.messages.negotiation.SilenceProcedureCompletedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The compromises and silence procedures read models, read through their queries. */
class NegotiationProjectionTest {

    private static final Actor CHAIR = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor KENYA = new Actor("p-ke", "Kenya", StakeholderType.STATE);
    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
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

        assertThat(compromise().parties()).containsExactly(new CompromiseView.Party("Kenya", "CONSENTED", null, events.at(2)),
                new CompromiseView.Party("France", "OBJECTED", "too weak", events.at(3)));
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
}
