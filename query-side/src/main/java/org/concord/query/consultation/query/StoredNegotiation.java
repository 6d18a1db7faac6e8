package org.concord.query.consultation.query;

import jakarta.annotation.Nullable;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.List;

/**
 * Where the negotiation of each provision stands, as the consultations read model stores it beside the
 * text: only provisions that are not plainly OPEN (a status, brackets or ad referendum records) have an entry.
 * Read and written by the MongoDB driver's record codec, which reads them by reflection (hence public).
 */
public final class StoredNegotiation {

    private StoredNegotiation() {
    }

    /** One provision's status, unresolved brackets and ad referendum records (pending and confirmed, oldest first). */
    public record ProvisionState(String provisionId, ProvisionStatus status, List<Bracket> brackets,
                                 List<AdReferendum> pending, List<AdReferendum> confirmed) {

        static ProvisionState open(String provisionId) {
            return new ProvisionState(provisionId, ProvisionStatus.OPEN, List.of(), List.of(), List.of());
        }

        boolean plainlyOpen() {
            return status == ProvisionStatus.OPEN && brackets.isEmpty() && pending.isEmpty() && confirmed.isEmpty();
        }
    }

    /** An unresolved bracket: words [start, end) of the current wording (kept up to date when another is resolved). */
    public record Bracket(String bracketId, int start, int end, String words, @Nullable String note, List<StoredAlternative> alternatives) {
    }

    /** An alternative wording of a bracketed passage, its sponsors as the drafter recorded them, and who supports it. */
    public record StoredAlternative(String alternativeId, String text, List<String> sponsors, List<Actor> supporters) {

        public static StoredAlternative of(Alternative alternative) {
            return new StoredAlternative(alternative.alternativeId(), alternative.text(), alternative.sponsors(), List.of());
        }
    }

    /** An organisation's ad referendum record: since when it is pending, or when it was confirmed. */
    public record AdReferendum(String organisation, Instant at) {
    }
}
