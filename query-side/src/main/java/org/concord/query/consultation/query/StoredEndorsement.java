package org.concord.query.consultation.query;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;

/**
 * An organisation's endorsement as the endorsements read model stores it (the driver's record codec), one
 * document per consultation and organisation: {@code id} is {@code consultationId/organisation}, so an
 * endorsement recorded again replaces itself. Public because the codec reads it by reflection.
 */
public record StoredEndorsement(@BsonId String id,
                                @BsonProperty(CONSULTATION_ID) String consultationId,
                                String organisation,
                                @Nullable StakeholderType stakeholderType,
                                @Nullable String country,
                                @BsonProperty(ENDORSED_AT) Instant endorsedAt) {

    static final String CONSULTATION_ID = "consultationId";
    static final String ENDORSED_AT = "endorsedAt";

    EndorsementView view() {
        return new EndorsementView(organisation, stakeholderType, country, endorsedAt);
    }
}
