package org.concord.command.participant.credentials;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.messages.participant.Role;
import org.springframework.stereotype.Component;

import java.util.Comparator;
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
    static final String COLLECTION = "credentials";
    private final MongoCollection<StoredCredential> credentials;

    CredentialsProjection(MongoDatabase concordDatabase) {
        this.credentials = concordDatabase.getCollection(COLLECTION, StoredCredential.class);
    }

    @EventHandler
    void on(ParticipantRegisteredEvent event) {
        StoredCredential credential = new StoredCredential(event.tokenHash(), event.participantId(),
                event.organisation(), event.stakeholderType(), event.country(), event.displayName(),
                event.roles().stream().sorted(Comparator.comparing(Role::name)).toList(), false);
        credentials.replaceOne(Filters.eq(StoredCredential.ID, event.tokenHash()), credential,
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(ParticipantRevokedEvent event) {
        credentials.updateOne(Filters.eq(StoredCredential.ID, event.tokenHash()), Updates.set(StoredCredential.REVOKED, true));
    }

    /** How many credentials are revoked. */
    long revoked() {
        return credentials.countDocuments(Filters.eq(StoredCredential.REVOKED, true));
    }

    /** The participant a token hash authenticates, unless unknown or revoked. */
    Optional<Credential> find(String tokenHash) {
        StoredCredential credential = credentials.find(Filters.eq(StoredCredential.ID, tokenHash)).first();
        if (credential == null || credential.revoked()) {
            return Optional.empty();
        }
        return Optional.of(new Credential(credential.participantId(), credential.organisation(),
                credential.stakeholderType().name(), credential.country(), credential.displayName(),
                credential.roles().stream().map(Role::name).toList()));
    }

    /** A valid credential: who it authenticates, with their roles' names. */
    record Credential(String participantId, String organisation, String stakeholderType, String country,
                      String displayName, List<String> roles) {
    }
}
