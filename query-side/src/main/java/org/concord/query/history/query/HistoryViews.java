package org.concord.query.history.query;

import jakarta.annotation.Nullable;
import org.concord.messages.consultation.Provision;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.util.List;

/** What the history reads answer, as the API shows it. */
public final class HistoryViews {

    private HistoryViews() {
    }

    /** Why a version exists: CREATION, AMENDMENT or REVISION, by whom, decided by whom, and why. */
    public record Cause(String type, @Nullable String amendmentId, @Nullable Actor author, @Nullable Actor decidedBy,
                        @Nullable String reason) {
    }

    public record VersionSummary(int version, Instant createdAt, Cause cause) {
    }

    public record TextAtVersion(int version, Instant createdAt, List<Provision> provisions) {
    }

    public record ProvisionChange(String provisionId, String label, String change, @Nullable String before, @Nullable String after,
                                  List<InlineDiff.Run> inline) {
    }

    public record Diff(int from, int to, List<ProvisionChange> changes) {
    }

    /** One wording of a provision; {@code text} is null where the version deleted it. */
    public record Wording(int version, String label, @Nullable String text, boolean deleted, Cause cause) {
    }

    public record Span(String text, int version, @Nullable String amendmentId, String organisation, StakeholderType stakeholderType) {
    }

    public record ProvisionProvenance(String provisionId, String label, List<Span> spans) {
    }

    public record ProvenanceView(int version, List<ProvisionProvenance> provisions) {
    }
}
