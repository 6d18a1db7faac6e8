package org.concord.query.amendment.query;

import jakarta.annotation.Nullable;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.Map;

/**
 * An amendment as API.md shows it. {@code stale}: still PROPOSED while its provision changed after
 * its base version (or was deleted); accepting it then needs merged wording.
 */
public record AmendmentView(String amendmentId, ChangeKind kind, String provisionId, int baseVersion, @Nullable String text,
                            @Nullable String label, String justification, AmendmentStatus status, boolean stale, int round,
                            Actor author, Supporters supporters, @Nullable Decision decision, Instant proposedAt) {

    /** Who co-sponsors it: how many, and how many of each stakeholder type. */
    public record Supporters(int total, Map<String, Integer> byStakeholderType) {
    }

    /** A drafter's decision; {@code version} is the version an acceptance made, null for a rejection. */
    public record Decision(String by, @Nullable String reason, Instant at, @Nullable Integer version) {
    }

    AmendmentView withStale(boolean isStale) {
        return new AmendmentView(amendmentId, kind, provisionId, baseVersion, text, label, justification, status, isStale,
                round, author, supporters, decision, proposedAt);
    }
}
