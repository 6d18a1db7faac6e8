package org.concord.query.shared;

import org.bson.Document;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

/** How the read models store and read back who did something. */
public final class ActorDocuments {

    private ActorDocuments() {
    }

    public static Document actor(Actor actor) {
        return new Document("participantId", actor.participantId())
                .append("organisation", actor.organisation())
                .append("stakeholderType", actor.stakeholderType() == null ? null : actor.stakeholderType().name());
    }

    public static Actor actor(Document document) {
        if (document == null) {
            return null;
        }
        String type = document.getString("stakeholderType");
        return new Actor(document.getString("participantId"), document.getString("organisation"),
                type == null ? null : StakeholderType.valueOf(type));
    }
}
