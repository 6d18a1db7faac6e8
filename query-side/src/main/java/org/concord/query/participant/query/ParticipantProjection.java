package org.concord.query.participant.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.conversions.Bson;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.concord.messages.participant.FindParticipantsQuery;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.messages.participant.Role;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The participant registry as the public reads it. No credential, not even its hash, is kept here. */
@Component
@ProcessingGroup(ParticipantProjection.PROCESSING_GROUP)
public class ParticipantProjection {

    public static final String PROCESSING_GROUP = "participants";
    private final ReadModelCollection participants;

    public ParticipantProjection(ReadModels readModels) {
        this.participants = readModels.collection("participants");
    }

    @EventHandler
    void on(ParticipantRegisteredEvent event, TrackingToken token) {
        StoredParticipant participant = new StoredParticipant(event.participantId(), event.organisation(), event.stakeholderType(),
                event.country(), event.displayName(), event.roles().stream().sorted(Comparator.comparing(Role::name)).toList(),
                false, token.position().orElse(0L));
        participants.writing(StoredParticipant.class).replaceOne(byId(event.participantId()), participant, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(ParticipantRevokedEvent event) {
        participants.writing().updateOne(byId(event.participantId()), Updates.set(StoredParticipant.REVOKED, true));
    }

    @ResetHandler
    void reset() {
        participants.writing().drop();
    }

    /** Whether the participant's credential was revoked; false for an unknown id (the bootstrap administrator has none). */
    public boolean isRevoked(String participantId) {
        StoredParticipant participant = participants.reading(StoredParticipant.class).find(byId(participantId)).first();
        return participant != null && participant.revoked();
    }

    @QueryHandler
    public List<ParticipantView> handle(FindParticipantsQuery query) {
        List<ParticipantView> found = new ArrayList<>();
        participants.reading(StoredParticipant.class).find().sort(Sorts.ascending(StoredParticipant.POSITION))
                .forEach(participant -> found.add(participant.view()));
        return found;
    }

    private static Bson byId(String participantId) {
        return Filters.eq("_id", participantId);
    }
}
