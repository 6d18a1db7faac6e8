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
import org.concord.messages.history.FindParticipationQuery;
import org.concord.messages.history.FindTimelineQuery;
import org.concord.messages.negotiation.AdReferendumAgreedEvent;
import org.concord.messages.negotiation.AdReferendumConfirmedEvent;
import org.concord.messages.negotiation.AdReferendumWithdrawnEvent;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.AlternativeSupportWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.CompromiseConsentedEvent;
import org.concord.messages.negotiation.CompromiseObjectedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.negotiation.CompromiseWithdrawnEvent;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.SilenceBrokenEvent;
import org.concord.messages.negotiation.SilenceProcedureCompletedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.event.TimelineEntries;
import org.concord.query.participant.query.ParticipantProjection;
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

/** The negotiation's events in a consultation's timeline, told for humans, and in its participation statistics. */
class NegotiationTimelineTest {

    private static final Actor CHAIR = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor KENYA = new Actor("p-ke", "Kenya", StakeholderType.STATE);
    private static final Actor NGO = new Actor("p-ngo", "Access Now", StakeholderType.NGO);
    private static final Instant DEADLINE = Instant.parse("2026-12-20T17:00:00Z");

    private MongoClient client;
    private TimelineProjection timelines;
    private ParticipationQueries participation;
    private TrackedEvents events;

    @BeforeEach
    void setUp() throws Exception {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        ReadModels readModels = new ReadModels(client.getDatabase(test.name()));
        timelines = new TimelineProjection(readModels);
        participation = new ParticipationQueries(timelines, new ParticipantProjection(readModels));
        events = new TrackedEvents(Instant.parse("2026-03-02T09:00:00Z"), timelines);
        events.deliver("c-1", new ConsultationCreatedEvent("c-1", "Ocean plastics", null, Visibility.PUBLIC,
                List.of(new Provision("p-1", "1", "States shall act by 2030.")), ConsultationStatus.OPEN, CHAIR, 1));
        events.deliver("a-1", new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE, "p-1", 1, "States shall act.", null, "x", 1, KENYA));
        events.deliver("a-2", new AmendmentProposedEvent("c-1", "a-2", ChangeKind.REPLACE, "p-1", 1, "States act now.", null, "y", 1, NGO));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private List<String> summaries() {
        return timelines.handle(new FindTimelineQuery("c-1", null, false, 3, 0)).stream().map(TimelineEntries.Entry::summary).toList();
    }

    @Test
    void every_negotiation_event_is_told_in_words() throws Exception {
        TextChange resolved = new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall act by 2035.");
        events.deliver("c-1", new TextBracketedEvent("c-1", "b-1", "p-1", 1, 4, 5, "2030", List.of(
                new Alternative("alt-1", "2030", List.of()), new Alternative("alt-2", "2035", List.of())), null, CHAIR));
        events.deliver("c-1", new ProvisionStatusChangedEvent("c-1", "p-1", ProvisionStatus.OPEN, ProvisionStatus.BRACKETED, "Passage bracketed", CHAIR));
        events.deliver("c-1", new AlternativeSupportedEvent("c-1", "b-1", "alt-2", KENYA));
        events.deliver("c-1", new AlternativeSupportWithdrawnEvent("c-1", "b-1", "alt-2", KENYA));
        events.deliver("c-1", new BracketResolvedEvent("c-1", "b-1", "p-1", "alt-2", "2035", "consensus", resolved, 2, CHAIR));
        events.deliver("c-1", new CompromiseProposedEvent("c-1", "k-1", "p-1", "States shall act now.", List.of("a-1", "a-2"),
                List.of("Kenya", "Access Now"), DEADLINE, null, CHAIR));
        events.deliver("c-1", new CompromiseConsentedEvent("c-1", "k-1", "Kenya", KENYA));
        events.deliver("c-1", new CompromiseObjectedEvent("c-1", "k-1", "Access Now", "too weak", NGO));
        events.deliver("c-1", new CompromiseWithdrawnEvent("c-1", "k-1", "objection", CHAIR));
        events.deliver("c-1", new CompromiseAcceptedEvent("c-1", "k-2", "p-1", List.of("a-1", "a-2"), "agreed",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall act now."), 3, CHAIR));
        events.deliver("c-1", new AdReferendumAgreedEvent("c-1", "p-1", "Kenya", null, KENYA));
        events.deliver("c-1", new AdReferendumConfirmedEvent("c-1", "p-1", "Kenya", KENYA));
        events.deliver("c-1", new AdReferendumWithdrawnEvent("c-1", "p-1", "Kenya", "instructions", KENYA));
        events.deliver("c-1", new SilenceProcedureStartedEvent("c-1", "s-1", null, 3, DEADLINE, "Europe/Paris", Set.of(StakeholderType.STATE), CHAIR));
        events.deliver("c-1", new SilenceBrokenEvent("c-1", "s-1", null, "more time", KENYA));
        events.deliver("c-1", new SilenceProcedureStartedEvent("c-1", "s-2", "p-1", 3, DEADLINE, "Europe/Paris", Set.of(StakeholderType.STATE), CHAIR));
        events.deliver("c-1", new SilenceProcedureCompletedEvent("c-1", "s-2", "p-1", 3));

        assertThat(summaries()).containsExactly(
                "Secretariat bracketed \"2030\" in provision p-1 with 2 alternatives",
                "Secretariat set provision p-1 to BRACKETED (Passage bracketed)",
                "Kenya supported alternative alt-2 of bracket b-1",
                "Kenya withdrew support for alternative alt-2 of bracket b-1",
                "Secretariat resolved bracket b-1 in provision p-1 keeping alternative alt-2: version 2",
                "Secretariat proposed compromise k-1 on provision p-1, merging amendments a-1, a-2",
                "Kenya consented to compromise k-1",
                "Access Now objected to compromise k-1",
                "Secretariat withdrew compromise k-1",
                "Secretariat accepted compromise k-2: version 3",
                "Kenya agreed to provision p-1 ad referendum",
                "Kenya confirmed its agreement to provision p-1",
                "Kenya withdrew its ad referendum agreement to provision p-1",
                "Secretariat put the text (version 3) under a silence procedure until 2026-12-20T17:00:00Z (Europe/Paris)",
                "Kenya broke silence (procedure s-1)",
                "Secretariat put provision p-1 (version 3) under a silence procedure until 2026-12-20T17:00:00Z (Europe/Paris)",
                "Nobody broke silence: procedure s-2 passed, provision p-1 is agreed");
    }

    @Test
    void merged_amendments_count_for_their_authors_and_delegations_negotiating_take_part() throws Exception {
        events.deliver("c-1", new CompromiseAcceptedEvent("c-1", "k-1", "p-1", List.of("a-1", "a-2"), "agreed",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall act now."), 2, CHAIR));
        events.deliver("c-1", new AdReferendumAgreedEvent("c-1", "p-1", "Kenya", null, KENYA));
        events.deliver("c-1", new CompromiseConsentedEvent("c-1", "k-1", "Access Now", NGO));
        events.deliver("c-1", new SilenceBrokenEvent("c-1", "s-1", null, "more time", KENYA));

        ParticipationQueries.Participation found = participation.handle(new FindParticipationQuery("c-1"));

        assertThat(found.total().merged()).isEqualTo(2);
        assertThat(found.total().acceptanceRate()).isNull();
        assertThat(found.byStakeholderType().get("STATE")).satisfies(state -> {
            assertThat(state.merged()).isEqualTo(1);
            assertThat(state.adReferendumAgreements()).isEqualTo(1);
            assertThat(state.silenceBreaks()).isEqualTo(1);
        });
        assertThat(found.byStakeholderType().get("NGO").compromiseConsents()).isEqualTo(1);
    }
}
