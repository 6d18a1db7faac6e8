package org.concord.query.amendment.query;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An amendment as the amendments read model stores it, read and written by the MongoDB driver's record codec:
 * each field's name is written once, here (the constants name those that updates and filters use). Supporters
 * are a set of actors ($addToSet, $pull by participant). Public because the codec reads it by reflection.
 */
public record StoredAmendment(@BsonId String amendmentId,
                              @BsonProperty(CONSULTATION_ID) String consultationId,
                              ChangeKind kind,
                              String provisionId,
                              int baseVersion,
                              @Nullable String text,
                              @Nullable String label,
                              String justification,
                              @BsonProperty(STATUS) AmendmentStatus status,
                              int round,
                              Actor author,
                              @BsonProperty(SUPPORTERS) List<Actor> supporters,
                              @BsonProperty(DECISION) @Nullable Decision decision,
                              @BsonProperty(PROPOSED_AT) Instant proposedAt) {

    static final String CONSULTATION_ID = "consultationId";
    static final String STATUS = "status";
    static final String SUPPORTERS = "supporters";
    /** A supporter's field that $pull matches on. */
    static final String SUPPORTER_ID = "participantId";
    static final String DECISION = "decision";
    static final String PROPOSED_AT = "proposedAt";

    /** A drafter's decision: who (participant and organisation), why, when, and the version an acceptance made. */
    public record Decision(String by, String organisation, @Nullable String reason, Instant at, @Nullable Integer version) {
    }

    /** The amendment as the API shows it, not yet told whether it is stale. */
    AmendmentView view() {
        List<Actor> supporting = supporters == null ? List.of() : supporters;
        Map<String, Integer> byType = new TreeMap<>();
        supporting.forEach(s -> byType.merge(String.valueOf(s.stakeholderType()), 1, Integer::sum));
        return new AmendmentView(amendmentId, kind, provisionId, baseVersion, text, label, justification, status, false, round,
                author, new AmendmentView.Supporters(supporting.size(), byType),
                decision == null ? null : new AmendmentView.Decision(decision.by(), decision.reason(), decision.at(), decision.version()),
                proposedAt);
    }
}
