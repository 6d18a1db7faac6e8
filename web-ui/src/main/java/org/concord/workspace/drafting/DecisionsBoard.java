package org.concord.workspace.drafting;

import org.concord.workspace.consultation.TrackedChanges;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.form.FormKey;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the decisions board from the consultation and its pending amendments. */
final class DecisionsBoard {

    private DecisionsBoard() {
    }

    static DecisionsPage build(ApiDrafting.Detail detail, List<ApiDrafting.Amendment> pending, FormErrors errors,
                               Map<String, String> reasons, String notice, Formats formats) {
        Map<String, List<ApiDrafting.Amendment>> byProvision = new LinkedHashMap<>();
        for (ApiDrafting.Provision provision : detail.provisions()) {
            byProvision.put(provision.provisionId(), new ArrayList<>());
        }
        Map<String, List<ApiDrafting.Amendment>> gone = new LinkedHashMap<>();
        for (ApiDrafting.Amendment amendment : pending) {
            (byProvision.containsKey(amendment.provisionId()) ? byProvision : gone)
                    .computeIfAbsent(amendment.provisionId(), key -> new ArrayList<>()).add(amendment);
        }
        List<DecisionsPage.Group> groups = new ArrayList<>();
        byProvision.forEach((provisionId, amendments) -> {
            if (!amendments.isEmpty()) {
                ApiDrafting.Provision provision = detail.provision(provisionId);
                groups.add(group(detail, provisionId, provision.label(), provision.text(), amendments, reasons, formats));
            }
        });
        gone.forEach((provisionId, amendments) -> groups.add(group(detail, provisionId, "?", "", amendments, reasons, formats)));
        ConsultationNav nav = ConsultationNav.of(detail.consultationId(), detail.title(), detail.status(), "text", formats);
        return new DecisionsPage(nav, formats.message("decisions.heading"),
                formats.message("decisions.intro", pending.size(), groups.size()), groups, errors, notice);
    }

    private static DecisionsPage.Group group(ApiDrafting.Detail detail, String provisionId, String label, String current,
                                             List<ApiDrafting.Amendment> amendments, Map<String, String> reasons, Formats formats) {
        List<DecisionsPage.Card> cards = amendments.stream().map(amendment -> card(detail, amendment, current, reasons, formats)).toList();
        String heading = current.isEmpty() ? formats.message("decisions.group.gone", amendments.size())
                : formats.message("decisions.group", label, amendments.size());
        return new DecisionsPage.Group(provisionId, "p-" + provisionId, heading, current, amendments.size() > 1, cards, FormKey.fresh());
    }

    private static DecisionsPage.Card card(ApiDrafting.Detail detail, ApiDrafting.Amendment amendment, String current,
                                           Map<String, String> reasons, Formats formats) {
        String kind = amendment.kind();
        List<TrackedChanges.Run> changes = switch (kind) {
            case "INSERT_AFTER" -> TrackedChanges.between("", amendment.text());
            case "DELETE" -> TrackedChanges.between(current, "");
            default -> TrackedChanges.between(current, amendment.text());
        };
        List<String> facts = new ArrayList<>();
        if ("INSERT_AFTER".equals(kind)) {
            facts.add(formats.message("decisions.fact.label", amendment.label()));
        }
        facts.add(formats.message("decisions.fact.base", amendment.baseVersion(), detail.version()));
        int supports = amendment.supporters() == null ? 0 : amendment.supporters().total();
        facts.add(formats.message("decisions.fact.supports", supports, supportsByType(amendment, formats)));
        facts.add(formats.message("decisions.fact.proposed", formats.dateTime(amendment.proposedAt()), amendment.round()));
        boolean stale = amendment.stale();
        boolean deletion = "DELETE".equals(kind);
        return new DecisionsPage.Card(amendment.amendmentId(), "a-" + amendment.amendmentId(),
                formats.message("decisions.card." + kind, author(amendment.author(), formats)), changes,
                amendment.justification() == null ? "" : amendment.justification(), facts,
                stale ? formats.message(current.isEmpty() ? "decisions.stale.gone" : "decisions.stale", amendment.baseVersion()) : "",
                !stale || deletion, !deletion && !current.isEmpty() || "INSERT_AFTER".equals(kind),
                "/consultations/" + detail.consultationId() + "/decisions/" + amendment.amendmentId() + "/merge",
                FormKey.fresh(), reasons.getOrDefault(amendment.amendmentId(), ""));
    }

    private static String supportsByType(ApiDrafting.Amendment amendment, Formats formats) {
        if (amendment.supporters() == null || amendment.supporters().byStakeholderType() == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        amendment.supporters().byStakeholderType().forEach((type, count) -> {
            if (count != null && count > 0) {
                parts.add(formats.message("decisions.fact.supportType", formats.message("stakeholder." + type), count));
            }
        });
        return parts.isEmpty() ? "" : "(" + String.join(", ", parts) + ")";
    }

    /** "France (State)"; "A participant (State)" for an author the API did not name. */
    static String author(ApiDrafting.Participant author, Formats formats) {
        if (author == null) {
            return "?";
        }
        String type = formats.message("stakeholder." + author.stakeholderType());
        return author.organisation() == null ? formats.message("decisions.author.masked", type)
                : formats.message("decisions.author.named", author.organisation(), type);
    }
}
