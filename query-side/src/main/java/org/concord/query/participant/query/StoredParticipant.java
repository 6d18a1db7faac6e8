package org.concord.query.participant.query;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;

import java.util.EnumSet;
import java.util.List;

/**
 * A participant as the participants read model stores it, read and written by the MongoDB driver's record codec:
 * each field's name is written once, here. {@code roles} sorted by name; {@code position} the global position of
 * the registration, the order of the list. Public because the codec reads it by reflection.
 */
public record StoredParticipant(@BsonId String participantId,
                                String organisation,
                                StakeholderType stakeholderType,
                                @Nullable String country,
                                String displayName,
                                List<Role> roles,
                                @BsonProperty(REVOKED) boolean revoked,
                                @BsonProperty(POSITION) long position) {

    static final String REVOKED = "revoked";
    static final String POSITION = "position";

    ParticipantView view() {
        return new ParticipantView(participantId, organisation, stakeholderType, country, displayName,
                roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles), revoked);
    }
}
