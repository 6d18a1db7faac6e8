package org.concord.query.history.query;

import jakarta.annotation.Nullable;
import org.concord.messages.consultation.Provision;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.util.List;

/** What the history reads answer, as the API shows it. */
public final class HistoryViews {

    private HistoryViews() {
    }

    /**
     * Why a version exists: CREATION, AMENDMENT, REVISION, BRACKET (a drafter resolved bracket {@code bracketId}) or
     * COMPROMISE (a drafter accepted compromise {@code compromiseId}), by whom, decided by whom, and why.
     */
    public record Cause(String type, @Nullable String amendmentId, @Nullable Actor author, @Nullable Actor decidedBy,
                        @Nullable String reason, @Nullable String bracketId, @Nullable String compromiseId) {

        public Cause(String type, @Nullable String amendmentId, @Nullable Actor author, @Nullable Actor decidedBy, @Nullable String reason) {
            this(type, amendmentId, author, decidedBy, reason, null, null);
        }
    }

    public record VersionSummary(int version, Instant createdAt, Cause cause) {
    }

    /** How a text is read: its wording as it stands, the agreed wording only (brackets left out), or with its brackets. */
    public enum Form {
        WORDING, CLEAN, NEGOTIATION
    }

    /**
     * The text at a version, each provision with its status and brackets as they stood when the version was
     * current (the brackets still unresolved when the next version was made, or now for the current one).
     */
    public record TextAtVersion(int version, Instant createdAt, List<VersionProvision> provisions) {

        /** The same text with each provision's {@code text} in {@code form}. */
        public TextAtVersion in(Form form) {
            return new TextAtVersion(version, createdAt, provisions.stream().map(provision -> provision.in(form)).toList());
        }
    }

    /**
     * A provision at a version: {@code text} its wording (or the form asked for), {@code negotiationText} with its
     * brackets in plain text, {@code cleanText} with the bracketed passages left out.
     */
    public record VersionProvision(String provisionId, String label, String text, ProvisionStatus status, String negotiationText,
                                   String cleanText, List<VersionBracket> brackets) {

        /** The wording as a plain Provision. */
        public Provision provision() {
            return new Provision(provisionId, label, text);
        }

        VersionProvision in(Form form) {
            String shown = switch (form) {
                case WORDING -> text;
                case CLEAN -> cleanText;
                case NEGOTIATION -> negotiationText;
            };
            return new VersionProvision(provisionId, label, shown, status, negotiationText, cleanText, brackets);
        }
    }

    /** A bracket unresolved at that version: words [start, end) of the wording, and its alternatives ("Alt 1", …) if any. */
    public record VersionBracket(String bracketId, int start, int end, String words, @Nullable String note,
                                 List<VersionAlternative> alternatives) {
    }

    public record VersionAlternative(String alternativeId, String label, String text, List<String> sponsors) {
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
