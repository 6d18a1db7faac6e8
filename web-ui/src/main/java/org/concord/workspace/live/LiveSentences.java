package org.concord.workspace.live;

import org.concord.workspace.layout.Formats;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import static org.concord.workspace.live.Places.text;

/**
 * Says what a feed event was, in the page's language, and where to see it: "France (State) commented on
 * provision 3", "Version 7: amendment to provision 2 accepted". The actor is named exactly as the API gave
 * it to this reader: a Chatham House author it masked stays "A participant (NGO)".
 */
final class LiveSentences {

    /** The event types a reader follows live, in the API's names (its {@code ?types=}). */
    static final List<String> TYPES = List.of("CommentPosted", "AmendmentProposed", "AmendmentSupported",
            "AmendmentWithdrawn", "AmendmentAccepted", "AmendmentRejected", "TextRevised", "RoundOpened",
            "RoundClosed", "ConsultationAdopted", "ConsultationEndorsed");
    private static final Set<String> STAKEHOLDER_TYPES = Set.of("STATE", "INTERNATIONAL_ORGANISATION", "COMPANY", "NGO", "ACADEMIA");
    private static final Set<String> KINDS = Set.of("REPLACE", "DELETE", "INSERT_AFTER");

    private LiveSentences() {
    }

    /** The event as an update of the live panel; null for an event of a type the panel does not show. */
    static LiveItem describe(LiveApi.Entry entry, Places places, String consultationId, Formats formats) {
        JsonNode data = entry.data();
        String base = "/consultations/" + consultationId;
        String actor = actor(entry.actor(), formats);
        String sentence;
        String href;
        switch (entry.type()) {
            case "CommentPosted" -> {
                String amendmentId = text(data, "amendmentId");
                String provisionId = amendmentId != null ? places.provisionOf(amendmentId) : text(data, "provisionId");
                if (amendmentId != null) {
                    sentence = formats.message("live.comment.amendment", actor, place(provisionId, places, formats));
                    href = provisionId != null ? anchor(base, provisionId) : base + "/dispositions";
                } else if (provisionId != null) {
                    sentence = formats.message("live.comment.provision", actor, place(provisionId, places, formats));
                    href = anchor(base, provisionId);
                } else {
                    sentence = formats.message("live.comment.consultation", actor);
                    href = base;
                }
                if ("CHATHAM_HOUSE".equals(text(data, "attribution"))) {
                    sentence = formats.message("live.chathamHouse", sentence);
                }
            }
            case "AmendmentProposed" -> {
                String kind = KINDS.contains(text(data, "kind")) ? text(data, "kind") : "REPLACE";
                String provisionId = text(data, "provisionId");
                sentence = formats.message("live.amendment.proposed." + kind, actor, place(provisionId, places, formats));
                href = anchor(base, provisionId);
            }
            case "AmendmentSupported", "AmendmentWithdrawn", "AmendmentRejected" -> {
                String provisionId = places.provisionOf(text(data, "amendmentId"));
                String place = place(provisionId, places, formats);
                sentence = switch (entry.type()) {
                    case "AmendmentSupported" -> formats.message("live.amendment.supported", actor, place);
                    case "AmendmentWithdrawn" -> formats.message("live.amendment.withdrawn", actor, place);
                    default -> formats.message("live.amendment.rejected", place);
                };
                href = provisionId != null ? anchor(base, provisionId) : base + "/dispositions";
            }
            case "AmendmentAccepted" -> {
                JsonNode change = data.path("change");
                int version = data.path("version").asInt();
                String provisionId = text(change, "provisionId");
                sentence = formats.message("live.amendment.accepted", version, place(provisionId, places, formats));
                href = switch (String.valueOf(text(change, "kind"))) {
                    case "INSERT_AFTER" -> anchor(base, text(change, "newProvisionId"));
                    case "DELETE" -> version(base, version);
                    default -> anchor(base, provisionId);
                };
            }
            case "TextRevised" -> {
                int version = data.path("version").asInt();
                sentence = formats.message("live.text.revised", version);
                href = version(base, version);
            }
            case "RoundOpened" -> {
                sentence = formats.message("live.round.opened", data.path("round").asInt(), formats.dateTime(instant(text(data, "deadline"))));
                href = base;
            }
            case "RoundClosed" -> {
                sentence = formats.message("live.round.closed", data.path("round").asInt());
                href = base;
            }
            case "ConsultationAdopted" -> {
                sentence = formats.message("live.adopted", data.path("version").asInt());
                href = base;
            }
            case "ConsultationEndorsed" -> {
                sentence = formats.message("live.endorsed", actor);
                href = base + "/endorsements";
            }
            default -> {
                return null;
            }
        }
        return new LiveItem(sentence, href, formats.dateTime(entry.at()), formats.machine(entry.at()));
    }

    /** "France (State)"; "A participant (NGO)" for an author the API masked; the organisation alone without a type. */
    static String actor(LiveApi.Actor actor, Formats formats) {
        String type = actor == null || !STAKEHOLDER_TYPES.contains(actor.stakeholderType()) ? null
                : formats.message("stakeholder." + actor.stakeholderType());
        if (actor == null || actor.organisation() == null) {
            return type == null ? formats.message("live.actor.unknown") : formats.message("live.actor.masked", type);
        }
        return type == null ? actor.organisation() : formats.message("live.actor", actor.organisation(), type);
    }

    private static String place(String provisionId, Places places, Formats formats) {
        String label = places.label(provisionId);
        return label == null ? formats.message("live.place.unknown") : formats.message("live.place.provision", label);
    }

    /** The provision in the text page; the same anchor as the text page gives each provision. */
    private static String anchor(String base, String provisionId) {
        return provisionId == null ? base : base + "#p-" + provisionId;
    }

    private static String version(String base, int version) {
        return base + "/history#v-" + version;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
