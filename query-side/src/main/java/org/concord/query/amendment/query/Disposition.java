package org.concord.query.amendment.query;

import jakarta.annotation.Nullable;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * One row of the dispositions table drafters publish: an amendment, who proposed it (organisation and
 * stakeholder type), how many supported it, what was decided, why, and the version it made.
 */
public record Disposition(String amendmentId, ChangeKind kind, String provisionId, @Nullable String label, int round,
                          String organisation, StakeholderType stakeholderType, int supporters,
                          AmendmentStatus status, @Nullable String reason, @Nullable Instant decidedAt,
                          @Nullable Integer resultingVersion) {

    static final List<String> COLUMNS = List.of("amendmentId", "kind", "provisionId", "label", "round", "organisation",
            "stakeholderType", "supporters", "status", "reason", "decidedAt", "resultingVersion");

    public static Disposition of(AmendmentView amendment) {
        AmendmentView.Decision decision = amendment.decision();
        return new Disposition(amendment.amendmentId(), amendment.kind(), amendment.provisionId(), amendment.label(),
                amendment.round(), amendment.author().organisation(), amendment.author().stakeholderType(),
                amendment.supporters().total(), amendment.status(), decision == null ? null : decision.reason(),
                decision == null ? null : decision.at(), decision == null ? null : decision.version());
    }

    /**
     * The table as CSV (RFC 4180, CRLF line ends), header first. A cell that a spreadsheet would take
     * for a formula (it starts with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe,
     * so that a participant's text never runs as a formula on a drafter's machine.
     */
    public static String csv(List<Disposition> rows) {
        StringBuilder csv = new StringBuilder();
        line(csv, COLUMNS.stream());
        for (Disposition row : rows) {
            line(csv, Stream.of(row.amendmentId, row.kind, row.provisionId, row.label, row.round, row.organisation,
                    row.stakeholderType, row.supporters, row.status, row.reason, row.decidedAt, row.resultingVersion));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, Stream<?> cells) {
        csv.append(String.join(",", cells.map(Disposition::cell).toList())).append("\r\n");
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.startsWith("'")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
