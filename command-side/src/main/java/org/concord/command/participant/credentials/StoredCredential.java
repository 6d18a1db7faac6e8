package org.concord.command.participant.credentials;

import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;

import java.util.List;

/**
 * A credential as the credentials collection stores it, one document per token hash, read and written by the
 * MongoDB driver's record codec: each field's name is written once, here. Enums are stored by name, the roles'
 * names sorted. Public because the codec reads it by reflection.
 */
public record StoredCredential(@BsonId String tokenHash,
                               String participantId,
                               String organisation,
                               StakeholderType stakeholderType,
                               String country,
                               String displayName,
                               List<Role> roles,
                               @BsonProperty(REVOKED) boolean revoked) {

    static final String ID = "_id";
    static final String REVOKED = "revoked";
}
