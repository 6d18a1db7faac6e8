package org.concord.workspace.timeline;

import org.concord.workspace.layout.Formats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paging of the timeline: the API pages forward from a position, so the page shows the events after
 * {@code after}, oldest first, and links to the next page (after its last event) and back to the first.
 * The handler asks for one event more than a page holds, to know whether there is a next page.
 */
final class TimelinePages {

    static final int PAGE_SIZE = 50;

    private TimelinePages() {
    }

    /** {@code ?after=} as the API takes it: a whole number from 0; empty or absent is 0; anything else is null. */
    static Long after(String after) {
        if (after == null || after.isBlank()) {
            return 0L;
        }
        if (!after.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(after);
    }

    static TimelinePage build(String consultationId, long after, List<ApiTimeline.Entry> fetched,
                              TimelineSentences sentences, Formats formats) {
        String base = "/consultations/" + consultationId + "/timeline";
        List<ApiTimeline.Entry> shown = fetched.size() > PAGE_SIZE ? fetched.subList(0, PAGE_SIZE) : fetched;
        List<TimelinePage.Entry> entries = new ArrayList<>(shown.size());
        for (ApiTimeline.Entry entry : shown) {
            entries.add(sentences.entry(entry));
        }
        String next = fetched.size() > PAGE_SIZE ? base + "?after=" + shown.get(shown.size() - 1).position() : null;
        String first = after > 0 ? base : null;
        String intro = shown.isEmpty()
                ? formats.message(after > 0 ? "timeline.intro.noMore" : "timeline.intro.none")
                : formats.message("timeline.intro", shown.size(), formats.dateTime(shown.get(0).at()),
                formats.dateTime(shown.get(shown.size() - 1).at()));
        return new TimelinePage(intro, entries, first, next);
    }

    /** Labels the events themselves give: the provisions of the creation, and provisions inserted since. */
    static Map<String, String> learntLabels(Collection<ApiTimeline.Entry> entries) {
        Map<String, String> labels = new HashMap<>();
        for (ApiTimeline.Entry entry : entries) {
            Map<String, Object> data = entry.data() == null ? Map.of() : entry.data();
            if (data.get("provisions") instanceof List<?> provisions) {
                provisions.forEach(provision -> learn(labels, provision, "provisionId"));
            }
            if (data.get("changes") instanceof List<?> changes) {
                changes.forEach(change -> learn(labels, change, "newProvisionId"));
            }
            learn(labels, data.get("change"), "newProvisionId");
        }
        return labels;
    }

    /** The provisions the sentences of these entries name. */
    static Set<String> provisionsNamed(Collection<ApiTimeline.Entry> entries, Map<String, ApiTimeline.Amendment> amendments) {
        Set<String> named = new LinkedHashSet<>();
        for (ApiTimeline.Entry entry : entries) {
            Map<String, Object> data = entry.data() == null ? Map.of() : entry.data();
            if (data.get("provisionId") instanceof String provisionId) {
                named.add(provisionId);
            }
            if (data.get("amendmentId") instanceof String amendmentId && amendments.containsKey(amendmentId)) {
                named.add(amendments.get(amendmentId).provisionId());
            }
        }
        named.remove(null);
        return named;
    }

    private static void learn(Map<String, String> labels, Object item, String idField) {
        if (item instanceof Map<?, ?> map && map.get(idField) instanceof String id && map.get("label") instanceof String label) {
            labels.put(id, label);
        }
    }
}
