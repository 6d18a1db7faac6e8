package org.concord.query.negotiation.query;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.negotiation.SilenceBrokenEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A silence procedure as the read models store it (the silence procedures read model, and the consultation's
 * latest one in the consultations read model), read and written by the MongoDB driver's record codec.
 * {@code status}: RUNNING, BROKEN or COMPLETED. Public because the codec reads it by reflection.
 */
public record StoredSilence(@BsonId String procedureId,
                            @BsonProperty(CONSULTATION_ID) String consultationId,
                            @Nullable String provisionId,
                            int version,
                            Instant deadline,
                            String timeZone,
                            List<StakeholderType> breakableBy,
                            @BsonProperty(STATUS) String status,
                            @Nullable Actor brokenBy,
                            @Nullable String reason,
                            Actor startedBy,
                            @BsonProperty(STARTED_AT) Instant startedAt,
                            @Nullable Instant endedAt) {

    public static final String CONSULTATION_ID = "consultationId";
    public static final String STATUS = "status";
    public static final String STARTED_AT = "startedAt";
    public static final String RUNNING = "RUNNING";

    public static StoredSilence started(SilenceProcedureStartedEvent event, Instant at) {
        return new StoredSilence(event.procedureId(), event.consultationId(), event.provisionId(), event.version(), event.deadline(),
                event.timeZone(), event.breakableBy().stream().sorted().toList(), RUNNING, null, null, event.by(), at, null);
    }

    public StoredSilence broken(SilenceBrokenEvent event, Instant at) {
        return new StoredSilence(procedureId, consultationId, provisionId, version, deadline, timeZone, breakableBy, "BROKEN",
                event.by(), event.reason(), startedBy, startedAt, at);
    }

    public StoredSilence completed(Instant at) {
        return new StoredSilence(procedureId, consultationId, provisionId, version, deadline, timeZone, breakableBy, "COMPLETED",
                null, null, startedBy, startedAt, at);
    }

    public SilenceView view() {
        return new SilenceView(procedureId, provisionId, version, deadline, timeZone,
                LocalDateTime.ofInstant(deadline, ZoneId.of(timeZone)).toString(), breakableBy, status,
                brokenBy == null ? null : new SilenceView.BrokenBy(brokenBy.participantId(), brokenBy.organisation(), brokenBy.stakeholderType()),
                reason, startedAt, endedAt);
    }
}
