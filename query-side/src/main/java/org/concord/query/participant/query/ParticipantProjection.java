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
import org.bson.Document;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.concord.messages.participant.FindParticipantsQuery;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
        Document participant = new Document("_id", event.participantId())
                .append("organisation", event.organisation())
                .append("stakeholderType", event.stakeholderType().name())
                .append("country", event.country())
                .append("displayName", event.displayName())
                .append("roles", event.roles().stream().map(Role::name).sorted().toList())
                .append("revoked", false)
                .append("position", token.position().orElse(0L));
        participants.writing().replaceOne(Filters.eq("_id", event.participantId()), participant, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(ParticipantRevokedEvent event) {
        participants.writing().updateOne(Filters.eq("_id", event.participantId()), Updates.set("revoked", true));
    }

    @ResetHandler
    void reset() {
        participants.writing().drop();
    }

    /** Whether the participant's credential was revoked; false for an unknown id (the bootstrap administrator has none). */
    public boolean isRevoked(String participantId) {
        Document participant = participants.reading().find(Filters.eq("_id", participantId)).first();
        return participant != null && participant.getBoolean("revoked", false);
    }

    @QueryHandler
    public List<ParticipantView> handle(FindParticipantsQuery query) {
        List<ParticipantView> found = new ArrayList<>();
        for (Document participant : participants.reading().find().sort(Sorts.ascending("position"))) {
            found.add(new ParticipantView(participant.getString("_id"), participant.getString("organisation"),
                    StakeholderType.valueOf(participant.getString("stakeholderType")), participant.getString("country"),
                    participant.getString("displayName"),
                    participant.getList("roles", String.class).stream().map(Role::valueOf).collect(Collectors.toSet()),
                    participant.getBoolean("revoked", false)));
        }
        return found;
    }
}
