package org.concord.command.participant.credentials;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.messages.participant.Role;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The credentials the gateway authenticates against, keyed by token hash. A subscribing processor
 * updates it in the same unit of work as the command, so a registration works and a revocation
 * bites as soon as the command has answered. Writes are idempotent.
 */
@Component
@ProcessingGroup(CredentialsProjection.PROCESSING_GROUP)
class CredentialsProjection {

    static final String PROCESSING_GROUP = "credentials";
    private final MongoCollection<Document> credentials;

    CredentialsProjection(MongoDatabase concordDatabase) {
        this.credentials = concordDatabase.getCollection("credentials");
    }

    @EventHandler
    void on(ParticipantRegisteredEvent event) {
        Document credential = new Document("_id", event.tokenHash())
                .append("participantId", event.participantId())
                .append("organisation", event.organisation())
                .append("stakeholderType", event.stakeholderType().name())
                .append("country", event.country())
                .append("displayName", event.displayName())
                .append("roles", event.roles().stream().map(Role::name).sorted().toList())
                .append("revoked", false);
        credentials.replaceOne(Filters.eq("_id", event.tokenHash()), credential, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(ParticipantRevokedEvent event) {
        credentials.updateOne(Filters.eq("_id", event.tokenHash()), Updates.set("revoked", true));
    }

    /** How many credentials are revoked. */
    long revoked() {
        return credentials.countDocuments(Filters.eq("revoked", true));
    }

    /** The participant a token hash authenticates, unless unknown or revoked. */
    Optional<Credential> find(String tokenHash) {
        Document credential = credentials.find(Filters.eq("_id", tokenHash)).first();
        if (credential == null || credential.getBoolean("revoked", false)) {
            return Optional.empty();
        }
        return Optional.of(new Credential(credential.getString("participantId"), credential.getString("organisation"),
                credential.getString("stakeholderType"), credential.getString("country"),
                credential.getString("displayName"), credential.getList("roles", String.class)));
    }

    /** A valid credential: who it authenticates, with their roles' names. */
    record Credential(String participantId, String organisation, String stakeholderType, String country,
                      String displayName, List<String> roles) {
    }
}
