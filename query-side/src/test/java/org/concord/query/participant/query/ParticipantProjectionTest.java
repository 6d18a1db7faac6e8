package org.concord.query.participant.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.FindParticipantsQuery;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.readmodel.TrackedEvents;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The participant registry, read as the public reads it, after registrations and revocations. */
class ParticipantProjectionTest {

    private static final Actor ADMIN = new Actor("admin", "Concord administration", null);
    private static final ParticipantRegisteredEvent GERMANY = new ParticipantRegisteredEvent("p-de", "Germany", StakeholderType.STATE,
            "DE", "Delegation of Germany", Set.of(Role.PARTICIPANT, Role.OBSERVER), "hash-of-germany-s-token", ADMIN);
    private static final ParticipantRegisteredEvent SECRETARIAT = new ParticipantRegisteredEvent("d-1", "Secretariat",
            StakeholderType.INTERNATIONAL_ORGANISATION, null, "Secretariat", Set.of(Role.DRAFTER), "hash-of-the-drafter-s-token", ADMIN);
    private static final ParticipantView GERMANY_LISTED = new ParticipantView("p-de", "Germany", StakeholderType.STATE, "DE",
            "Delegation of Germany", Set.of(Role.PARTICIPANT, Role.OBSERVER), false);

    private MongoClient client;
    private ParticipantProjection participants;
    private TrackedEvents events;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        participants = new ParticipantProjection(new ReadModels(client.getDatabase(test.name())));
        events = new TrackedEvents(Instant.parse("2026-03-01T09:00:00Z"), participants);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void a_registered_participant_is_listed_with_their_organisation_country_and_roles() throws Exception {
        events.deliver("p-de", GERMANY);

        assertThat(participants.handle(new FindParticipantsQuery())).containsExactly(GERMANY_LISTED);
    }

    @Test
    void participants_are_listed_in_the_order_they_were_registered() throws Exception {
        events.deliver("p-de", GERMANY);
        events.deliver("d-1", SECRETARIAT);

        assertThat(participants.handle(new FindParticipantsQuery())).extracting(ParticipantView::participantId)
                .containsExactly("p-de", "d-1");
    }

    @Test
    void a_registration_delivered_again_lists_the_participant_once() throws Exception {
        events.deliver("p-de", GERMANY);
        events.redeliver(1, "p-de", GERMANY);

        assertThat(participants.handle(new FindParticipantsQuery())).containsExactly(GERMANY_LISTED);
    }

    @Test
    void a_revoked_participant_stays_listed_as_revoked() throws Exception {
        events.deliver("p-de", GERMANY);
        events.deliver("p-de", new ParticipantRevokedEvent("p-de", "hash-of-germany-s-token", ADMIN));

        assertThat(participants.handle(new FindParticipantsQuery())).extracting(ParticipantView::revoked).containsExactly(true);
        assertThat(participants.isRevoked("p-de")).isTrue();
    }

    @Test
    void a_registered_participant_is_not_revoked() throws Exception {
        events.deliver("p-de", GERMANY);

        assertThat(participants.isRevoked("p-de")).isFalse();
    }

    @Test
    void a_participant_the_registry_does_not_know_is_not_revoked() {
        assertThat(participants.isRevoked("admin")).isFalse();
    }

    @Test
    void a_reset_empties_the_registry_for_a_rebuild() throws Exception {
        events.deliver("p-de", GERMANY);

        participants.reset();

        assertThat(participants.handle(new FindParticipantsQuery())).isEmpty();
    }
}
