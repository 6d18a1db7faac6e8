package org.concord.command.participant.credentials;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.Document;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The credentials collection keeps the shape earlier releases wrote, and reads what they stored. */
@ExtendWith(MongoDbExtension.class)
class CredentialsProjectionTest {

    private static final Actor ADMIN = new Actor("admin", "Secretariat", null);

    private MongoClient client;
    private MongoCollection<Document> stored;
    private CredentialsProjection projection;

    @BeforeEach
    void connect(TestMongoDatabase database) {
        client = MongoClients.create(database.uri());
        MongoDatabase db = client.getDatabase(database.name());
        stored = db.getCollection(CredentialsProjection.COLLECTION);
        projection = new CredentialsProjection(db);
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** A credential exactly as the hand-built documents of earlier releases stored it. */
    private static Document oldShape(String tokenHash, boolean revoked) {
        return new Document("_id", tokenHash)
                .append("participantId", "p-fr")
                .append("organisation", "France")
                .append("stakeholderType", "STATE")
                .append("country", "FR")
                .append("displayName", "Délégation de la France")
                .append("roles", List.of("DRAFTER", "PARTICIPANT"))
                .append("revoked", revoked);
    }

    @Test
    void a_registration_is_stored_in_the_shape_earlier_releases_wrote() {
        projection.on(new ParticipantRegisteredEvent("p-fr", "France", StakeholderType.STATE, "FR",
                "Délégation de la France", Set.of(Role.PARTICIPANT, Role.DRAFTER), "hash-1", ADMIN));

        BsonDocument written = stored.find(Filters.eq("_id", "hash-1")).first().toBsonDocument();
        assertThat(written).isEqualTo(oldShape("hash-1", false).toBsonDocument());
        assertThat(written.keySet()).containsExactlyElementsOf(oldShape("hash-1", false).keySet());
    }

    @Test
    void a_credential_stored_by_an_earlier_release_still_authenticates() {
        stored.insertOne(oldShape("hash-1", false));

        assertThat(projection.find("hash-1")).contains(new CredentialsProjection.Credential("p-fr", "France",
                "STATE", "FR", "Délégation de la France", List.of("DRAFTER", "PARTICIPANT")));
        assertThat(projection.find("hash-9")).isEmpty();
        assertThat(projection.revoked()).isZero();
    }

    @Test
    void a_revoked_credential_stored_by_an_earlier_release_stays_revoked() {
        stored.insertOne(oldShape("hash-1", true));

        assertThat(projection.find("hash-1")).isEmpty();
        assertThat(projection.revoked()).isOne();
    }

    @Test
    void a_revocation_bites_at_once_and_is_counted() {
        stored.insertOne(oldShape("hash-1", false));
        stored.insertOne(oldShape("hash-2", false));

        projection.on(new ParticipantRevokedEvent("p-fr", "hash-1", ADMIN));
        projection.on(new ParticipantRevokedEvent("p-fr", "hash-1", ADMIN));

        assertThat(projection.find("hash-1")).isEmpty();
        assertThat(projection.find("hash-2")).isPresent();
        assertThat(projection.revoked()).isOne();
        assertThat(stored.find(Filters.eq("_id", "hash-1")).first().toBsonDocument())
                .isEqualTo(oldShape("hash-1", true).toBsonDocument());
    }
}
