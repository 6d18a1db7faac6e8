package org.concord.workspace.timeline;

import org.concord.workspace.layout.Formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the dispositions page from the API's dispositions and the provisions' labels. */
final class Dispositions {

    private Dispositions() {
    }

    static DispositionsPage build(String consultationId, String title, List<ApiTimeline.Disposition> dispositions,
                                  ProvisionLabels labels, Formats formats) {
        String base = "/consultations/" + consultationId;
        List<DispositionsPage.Row> rows = new ArrayList<>(dispositions.size());
        long decided = 0;
        for (ApiTimeline.Disposition disposition : dispositions) {
            String status = disposition.status() == null ? "PROPOSED" : disposition.status();
            if (!"PROPOSED".equals(status)) {
                decided++;
            }
            String label = labels.label(disposition.provisionId());
            String provision = label == null ? formats.message("dispositions.provision.unknown") : label;
            if ("INSERT_AFTER".equals(disposition.kind())) {
                provision = formats.message("dispositions.provision.insert",
                        disposition.label() == null ? "" : disposition.label(), provision);
            }
            String kind = disposition.kind() == null ? "" : formats.message("dispositions.kind." + disposition.kind());
            Integer version = disposition.resultingVersion();
            rows.add(new DispositionsPage.Row("a-" + disposition.amendmentId(),
                    TimelineSentences.shortId(disposition.amendmentId()),
                    disposition.organisation() == null ? formats.message("dispositions.undisclosed") : disposition.organisation(),
                    disposition.stakeholderType() == null ? "" : formats.message("stakeholder." + disposition.stakeholderType()),
                    kind, provision,
                    labels.inText(disposition.provisionId()) ? base + "#p-" + disposition.provisionId() : null,
                    disposition.round() == null ? "" : formats.number(disposition.round()),
                    formats.number(disposition.supporters() == null ? 0 : disposition.supporters()),
                    status.toLowerCase(Locale.ROOT).replace('_', '-'),
                    formats.message("dispositions.status." + status),
                    disposition.reason() == null ? "" : disposition.reason(),
                    formats.dateTime(disposition.decidedAt()), formats.machine(disposition.decidedAt()),
                    version == null ? "" : formats.message("timeline.version", version),
                    version == null ? null : base + "/versions/" + version));
        }
        return new DispositionsPage(formats.message("dispositions.intro", dispositions.size(), decided),
                formats.message("dispositions.caption", title), base + "/dispositions.csv", rows);
    }
}
