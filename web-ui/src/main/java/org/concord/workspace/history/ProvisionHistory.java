package org.concord.workspace.history;

import org.concord.workspace.layout.Formats;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One provision's wordings as a page. Each wording is shown whole, and links to the word-level changes that
 * its version made ({@code /diff?from=n-1&to=n#p-<provisionId>}) rather than fetching one diff per wording:
 * a provision reworded 300 times would cost 300 calls, and the diff page shows the API's own word diff.
 */
final class ProvisionHistory {

    private ProvisionHistory() {
    }

    static ProvisionPage page(String base, String provisionId, List<ApiHistory.Wording> wordings,
                              Map<Integer, ApiHistory.Version> versions, Formats formats) {
        String encodedAnchor = "p-" + UriUtils.encodeFragment(provisionId, StandardCharsets.UTF_8);
        String latestLabel = null;
        List<ProvisionPage.Wording> items = new ArrayList<>();
        ApiHistory.Wording deletion = null;
        for (ApiHistory.Wording wording : wordings) {
            if (wording.label() != null && !wording.label().isBlank()) {
                latestLabel = wording.label();
            }
            String number = String.valueOf(wording.version());
            ApiHistory.Version version = versions.get(wording.version());
            boolean first = items.isEmpty();
            if (wording.deleted()) {
                deletion = wording;
            }
            items.add(new ProvisionPage.Wording("v-" + number,
                    formats.message("history.version.title", number),
                    base + "/versions/" + number + (wording.deleted() ? "" : "#" + encodedAnchor),
                    version == null ? "" : Causes.preciseTime(version.createdAt(), formats),
                    version == null ? "" : formats.machine(version.createdAt()),
                    Causes.provision(wording.label(), formats),
                    wording.deleted() || wording.text() == null ? "" : wording.text(),
                    wording.deleted() ? formats.message("history.provision.deleted", number) : "",
                    Causes.sentence(wording.cause(), formats), Causes.acceptanceReason(wording.cause(), formats),
                    first || wording.version() <= 1 ? "" : base + "/diff?from=" + (wording.version() - 1) + "&to=" + number + "#" + encodedAnchor,
                    first ? "" : formats.message("history.provision.diff", String.valueOf(wording.version() - 1), number)));
        }
        if (deletion != null && !wordings.get(wordings.size() - 1).deleted()) {
            deletion = null; // deleted, then restored (not possible today, but then it is no longer deleted)
        }
        String title = formats.message("history.provision.title", latestLabel == null ? "" : latestLabel);
        String summary = deletion == null ? formats.message("history.provision.summary", items.size())
                : formats.message("history.provision.summaryDeleted", items.size(), String.valueOf(deletion.version()));
        return new ProvisionPage(title, summary, items);
    }
}
