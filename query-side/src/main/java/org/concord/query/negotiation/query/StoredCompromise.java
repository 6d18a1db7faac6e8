package org.concord.query.negotiation.query;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.List;

/**
 * A compromise as the compromises read model stores it, read and written by the MongoDB driver's record codec:
 * its parties in the order the event named them, each with its answer once given. {@code status}: PENDING,
 * ACCEPTED (then {@code version} is the version it made) or WITHDRAWN. Public because the codec reads it by reflection.
 */
public record StoredCompromise(@BsonId String compromiseId,
                               @BsonProperty(CONSULTATION_ID) String consultationId,
                               String provisionId,
                               String text,
                               List<String> amendmentIds,
                               List<Party> parties,
                               Instant deadline,
                               String status,
                               @Nullable Integer version,
                               Actor proposedBy,
                               @BsonProperty(PROPOSED_AT) Instant proposedAt,
                               @Nullable String note) {

    static final String CONSULTATION_ID = "consultationId";
    static final String PROPOSED_AT = "proposedAt";

    /** A party: an organisation whose amendment is merged; {@code answer} CONSENTED or OBJECTED, null until it answers. */
    public record Party(String organisation, @Nullable String answer, @Nullable String reason, @Nullable Instant at) {
    }

    StoredCompromise answered(String organisation, String answer, @Nullable String reason, Instant at) {
        List<Party> answeredParties = parties.stream()
                .map(party -> party.organisation().equals(organisation) ? new Party(organisation, answer, reason, at) : party)
                .toList();
        return new StoredCompromise(compromiseId, consultationId, provisionId, text, amendmentIds, answeredParties, deadline, status,
                version, proposedBy, proposedAt, note);
    }

    StoredCompromise decided(String decided, @Nullable Integer madeVersion) {
        return new StoredCompromise(compromiseId, consultationId, provisionId, text, amendmentIds, parties, deadline, decided,
                madeVersion, proposedBy, proposedAt, note);
    }

    CompromiseView view() {
        return new CompromiseView(compromiseId, provisionId, text, amendmentIds, parties.stream()
                .map(party -> new CompromiseView.Party(party.organisation(),
                        party.answer() == null ? null : CompromiseView.Answer.valueOf(party.answer()), party.reason(), party.at())).toList(),
                deadline, status, version, new CompromiseView.ProposedBy(proposedBy.participantId(), proposedBy.organisation(),
                proposedBy.stakeholderType()), proposedAt, note);
    }
}
