package org.concord.workspace.live;

import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one live stream knows of its consultation to say where an event is: each provision's label (from
 * the text when the stream opened, and each provision inserted since), and which provision each
 * amendment is about. Events name provisions and amendments by id; people know them by label.
 */
final class Places {

    /** The events that name an amendment but not its provision. */
    private static final Set<String> BY_AMENDMENT = Set.of("AmendmentSupported", "AmendmentWithdrawn", "AmendmentRejected");

    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, String> amendments = new HashMap<>();
    private boolean amendmentsLoaded;

    Places(List<LiveApi.Provision> provisions) {
        provisions.forEach(provision -> labels.put(provision.provisionId(), provision.label()));
    }

    /** The provision's label, or null when this stream does not know it. */
    String label(String provisionId) {
        return provisionId == null ? null : labels.get(provisionId);
    }

    /** The provision the amendment is about, or null when this stream does not know it. */
    String provisionOf(String amendmentId) {
        return amendmentId == null ? null : amendments.get(amendmentId);
    }

    /** Whether the event names an amendment this stream has not heard of yet (the consultation's amendments are then read once). */
    boolean lacksAmendmentOf(LiveApi.Entry entry) {
        String amendmentId = text(entry.data(), "amendmentId");
        boolean named = BY_AMENDMENT.contains(entry.type()) || "CommentPosted".equals(entry.type());
        return named && amendmentId != null && !amendments.containsKey(amendmentId) && !amendmentsLoaded;
    }

    void amendments(List<LiveApi.Amendment> all) {
        all.forEach(amendment -> amendments.putIfAbsent(amendment.amendmentId(), amendment.provisionId()));
        amendmentsLoaded = true;
    }

    /** Learns what the event tells of amendments and provisions, before it is described. */
    void learn(LiveApi.Entry entry) {
        JsonNode data = entry.data();
        switch (entry.type()) {
            case "AmendmentProposed" -> {
                String amendmentId = text(data, "amendmentId");
                if (amendmentId != null) {
                    amendments.put(amendmentId, text(data, "provisionId"));
                }
            }
            case "AmendmentAccepted" -> learnChange(data.path("change"));
            case "TextRevised" -> data.path("changes").forEach(this::learnChange);
            default -> {
            }
        }
    }

    private void learnChange(JsonNode change) {
        String inserted = text(change, "newProvisionId");
        String label = text(change, "label");
        if (inserted != null && label != null) {
            labels.put(inserted, label);
        }
    }

    /** A field's text, or null when it is absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
    }
}
