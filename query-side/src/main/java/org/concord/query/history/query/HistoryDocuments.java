package org.concord.query.history.query;

import org.bson.Document;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Text;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.participant.StakeholderType;

import java.util.List;

/** How the history read models store texts, changes and attributions. */
final class HistoryDocuments {

    /** Every {@value}th version (from version 1) stores its whole text; the others store their changes. */
    static final int CHECKPOINT_EVERY = 50;

    private HistoryDocuments() {
    }

    static String versionId(String consultationId, int version) {
        return consultationId + ":" + version;
    }

    static String provisionKey(String consultationId, String provisionId) {
        return consultationId + ":" + provisionId;
    }

    static boolean isCheckpoint(int version) {
        return (version - 1) % CHECKPOINT_EVERY == 0;
    }

    static int checkpointBefore(int version) {
        return (version - 1) / CHECKPOINT_EVERY * CHECKPOINT_EVERY + 1;
    }

    static List<Document> text(Text text) {
        return text.provisions().stream()
                .map(p -> new Document("provisionId", p.provisionId()).append("label", p.label()).append("text", p.text()))
                .toList();
    }

    static Text text(List<Document> provisions) {
        return new Text(provisions.stream()
                .map(p -> new Provision(p.getString("provisionId"), p.getString("label"), p.getString("text")))
                .toList());
    }

    static Document change(TextChange change) {
        return new Document("kind", change.kind().name()).append("provisionId", change.provisionId())
                .append("newProvisionId", change.newProvisionId()).append("label", change.label()).append("text", change.text());
    }

    static TextChange change(Document change) {
        return new TextChange(ChangeKind.valueOf(change.getString("kind")), change.getString("provisionId"),
                change.getString("newProvisionId"), change.getString("label"), change.getString("text"));
    }

    static Document attribution(Attribution by) {
        return new Document("version", by.version()).append("amendmentId", by.amendmentId())
                .append("participantId", by.participantId()).append("organisation", by.organisation())
                .append("stakeholderType", by.stakeholderType() == null ? null : by.stakeholderType().name());
    }

    static Attribution attribution(Document by) {
        String type = by.getString("stakeholderType");
        return new Attribution(by.getInteger("version"), by.getString("amendmentId"), by.getString("participantId"),
                by.getString("organisation"), type == null ? null : StakeholderType.valueOf(type));
    }

    static List<Document> spans(Provenance provenance) {
        return provenance.spans().stream()
                .map(span -> new Document("text", span.text()).append("by", attribution(span.by())))
                .toList();
    }

    static Provenance provenance(List<Document> spans) {
        return new Provenance(spans.stream()
                .map(span -> new Provenance.Span(span.getString("text"), attribution(span.get("by", Document.class))))
                .toList());
    }
}
