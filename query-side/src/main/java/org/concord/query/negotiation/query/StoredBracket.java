package org.concord.query.negotiation.query;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.query.consultation.query.ProvisionView;
import org.concord.query.consultation.query.StoredNegotiation.StoredAlternative;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A bracket as the brackets read model stores it, read and written by the MongoDB driver's record codec: the
 * passage as it was bracketed (offsets into {@code version}'s wording, which the resolution of another bracket
 * never rewrites), its alternatives with their supporters, and its resolution once resolved. Kept after its
 * resolution, unlike the consultation's own unresolved brackets. Public because the codec reads it by reflection.
 */
public record StoredBracket(@BsonId String bracketId,
                            @BsonProperty(CONSULTATION_ID) String consultationId,
                            String provisionId,
                            int version,
                            int start,
                            int end,
                            String words,
                            @Nullable String note,
                            List<StoredAlternative> alternatives,
                            @Nullable Resolution resolution,
                            Actor bracketedBy,
                            @BsonProperty(BRACKETED_AT) Instant bracketedAt) {

    static final String CONSULTATION_ID = "consultationId";
    static final String BRACKETED_AT = "bracketedAt";

    /** How a drafter resolved it: the kept alternative ({@code alternativeId}) or a new wording (then it is null). */
    public record Resolution(@Nullable String alternativeId, String wording, String reason, int version, Actor by, Instant at) {
    }

    static StoredBracket bracketed(TextBracketedEvent event, Instant at) {
        return new StoredBracket(event.bracketId(), event.consultationId(), event.provisionId(), event.version(), event.start(),
                event.end(), event.words(), event.note(), event.alternatives().stream().map(StoredAlternative::of).toList(), null,
                event.by(), at);
    }

    StoredBracket resolved(BracketResolvedEvent event, Instant at) {
        return new StoredBracket(bracketId, consultationId, provisionId, version, start, end, words, note, alternatives,
                new Resolution(event.alternativeId(), event.wording(), event.reason(), event.version(), event.by(), at), bracketedBy,
                bracketedAt);
    }

    /** The same bracket with one alternative's supporters changed (by participant, so an event handled twice counts once). */
    StoredBracket supporters(String alternativeId, UnaryOperator<List<Actor>> change) {
        List<StoredAlternative> changed = new ArrayList<>();
        for (StoredAlternative alternative : alternatives) {
            changed.add(!alternative.alternativeId().equals(alternativeId) ? alternative
                    : new StoredAlternative(alternative.alternativeId(), alternative.text(), alternative.sponsors(),
                    change.apply(alternative.supporters())));
        }
        return new StoredBracket(bracketId, consultationId, provisionId, version, start, end, words, note, changed, resolution,
                bracketedBy, bracketedAt);
    }

    BracketView view() {
        return new BracketView(bracketId, provisionId, version, start, end, words, note, ProvisionView.alternatives(alternatives),
                resolution == null ? "OPEN" : "RESOLVED",
                resolution == null ? null : new BracketView.Resolution(resolution.alternativeId(), resolution.wording(),
                        resolution.reason(), resolution.version(), BracketView.Drafter.of(resolution.by()), resolution.at()),
                BracketView.Drafter.of(bracketedBy), bracketedAt);
    }
}
