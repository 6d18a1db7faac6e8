package org.concord.query.consultation.query;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.query.negotiation.query.StoredSilence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A consultation as the consultations read model stores it, read and written by the MongoDB driver's record
 * codec: each field's name is written once, here (the constants name those that updates and filters use).
 * {@code changedIn}: the version each current provision last changed in. {@code position}: the global position
 * of the latest event of the consultation applied. {@code negotiation}: the state of each provision that is not plainly
 * OPEN (null when none ever was); {@code silence}: the latest silence procedure. Public because the codec reads it by reflection.
 */
public record StoredConsultation(@BsonId String consultationId,
                                 String title,
                                 @Nullable String summary,
                                 @BsonProperty(STATUS) ConsultationStatus status,
                                 @BsonProperty(VISIBILITY) Visibility visibility,
                                 @BsonProperty(VERSION) int version,
                                 @BsonProperty(ROUND) @Nullable Round round,
                                 @Nullable Actor proposer,
                                 @BsonProperty(PROVISIONS) List<Provision> provisions,
                                 @BsonProperty(CHANGED_IN) Map<String, Integer> changedIn,
                                 @BsonProperty(CREATED_AT) Instant createdAt,
                                 @BsonProperty(POSITION) @Nullable Long position,
                                 @BsonProperty(NEGOTIATION) @Nullable List<StoredNegotiation.ProvisionState> negotiation,
                                 @BsonProperty(SILENCE) @Nullable StoredSilence silence) {

    static final String STATUS = "status";
    static final String VISIBILITY = "visibility";
    static final String VERSION = "version";
    static final String ROUND = "round";
    static final String PROVISIONS = "provisions";
    static final String CHANGED_IN = "changedIn";
    static final String CREATED_AT = "createdAt";
    static final String POSITION = "position";
    static final String NEGOTIATION = "negotiation";
    static final String SILENCE = "silence";

    /** The current comment round; {@code status} OPEN or CLOSED. */
    public record Round(int number, Instant deadline, @BsonProperty(STATUS) String status) {

        /** The field of the round's status, for an update of the round alone. */
        static final String ROUND_STATUS = ROUND + "." + STATUS;
    }

    ConsultationDetail toDetail() {
        return new ConsultationDetail(consultationId, title, summary, status, visibility, version, proposer,
                round == null ? null : new ConsultationDetail.Round(round.number(), round.deadline(), round.status()),
                provisions.stream().map(provision -> ProvisionView.of(provision, stateOf(provision.provisionId()))).toList(),
                silence == null ? null : silence.view(), createdAt, position, changedIn == null ? Map.of() : changedIn);
    }

    /** The negotiation state of a provision, null when it is plainly OPEN. */
    @Nullable
    StoredNegotiation.ProvisionState stateOf(String provisionId) {
        return negotiation == null ? null
                : negotiation.stream().filter(state -> state.provisionId().equals(provisionId)).findFirst().orElse(null);
    }

    ConsultationSummary toSummary() {
        return new ConsultationSummary(consultationId, title, status, visibility, version,
                round == null ? 0 : round.number(), round == null ? null : round.deadline(), proposer, 0, 0);
    }
}
