package org.concord.workspace.timeline;

import org.concord.workspace.layout.Formats;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sentence that tells a timeline entry in the page's language, built from its type and data (never
 * from the API's English {@code summary}): "France (State) proposed to replace provision 3 (amendment
 * d2e1fd6e)." The actor is named as the API names it: a masked Chatham House author stays masked, and no
 * sentence names anybody from the event's data instead (a delegation's {@code organisation} in an ad referendum
 * or a compromise answer is the actor's, told through the actor).
 */
final class TimelineSentences {

    /** Every event type a consultation's timeline holds (docs/api.md, Event types). */
    static final List<String> EVENT_TYPES = List.of("ConsultationCreated", "RoundOpened", "RoundClosed", "TextRevised",
            "ConsultationAdopted", "ConsultationEndorsed", "AmendmentProposed", "AmendmentSupported",
            "AmendmentSupportWithdrawn", "AmendmentWithdrawn", "AmendmentAccepted", "AmendmentRejected", "CommentPosted",
            "ProvisionStatusChanged", "TextBracketed", "AlternativeSupported", "AlternativeSupportWithdrawn", "BracketResolved",
            "CompromiseProposed", "CompromiseConsented", "CompromiseObjected", "CompromiseAccepted", "CompromiseWithdrawn",
            "AdReferendumAgreed", "AdReferendumConfirmed", "AdReferendumWithdrawn", "SilenceProcedureStarted", "SilenceBroken",
            "SilenceProcedureCompleted");

    /** The provision statuses with a sentence of their own; another is named as the API names it. */
    private static final List<String> PROVISION_STATUSES = List.of("OPEN", "BRACKETED", "AGREED_AD_REF", "AGREED");

    /** The longest quote shown, in characters; the rest is on the page of what it belongs to. */
    static final int QUOTE_LENGTH = 280;

    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    private final String base;
    private final ProvisionLabels labels;
    private final Map<String, ApiTimeline.Amendment> amendments;
    private final Formats formats;

    TimelineSentences(String consultationId, ProvisionLabels labels, Map<String, ApiTimeline.Amendment> amendments,
                      Formats formats) {
        this.base = "/consultations/" + consultationId;
        this.labels = labels;
        this.amendments = amendments;
        this.formats = formats;
    }

    TimelinePage.Entry entry(ApiTimeline.Entry entry) {
        Map<String, Object> data = entry.data() == null ? Map.of() : entry.data();
        Message message = new Message().text(actor(entry.actor()));
        String quoteLabel = null;
        String quote = null;
        String note = null;
        String code = "timeline.event." + entry.type();
        switch (entry.type()) {
            case "ConsultationCreated" -> message.text(string(data, "title"))
                    .value(list(data, "provisions").size())
                    .link(version(number(data, "version", 1)), versionHref(number(data, "version", 1)));
            case "RoundOpened" -> message.value(number(data, "round", 0)).text(formats.dateTime(instant(data, "deadline")));
            case "RoundClosed" -> message.value(number(data, "round", 0));
            case "TextRevised" -> {
                message.link(version(number(data, "version", 0)), versionHref(number(data, "version", 0)))
                        .value(list(data, "changes").size());
                quoteLabel = formats.message("timeline.quote.reason");
                quote = string(data, "reason");
            }
            case "ConsultationAdopted" -> message.link(version(number(data, "version", 0)), versionHref(number(data, "version", 0)));
            case "ConsultationEndorsed" -> {
            }
            case "AmendmentProposed" -> {
                String kind = string(data, "kind");
                code = code + "." + ("INSERT_AFTER".equals(kind) || "DELETE".equals(kind) ? kind : "REPLACE");
                provision(message, string(data, "provisionId"));
                amendment(message, string(data, "amendmentId"));
                message.text(string(data, "label"));
                quoteLabel = formats.message("timeline.quote.justification");
                quote = string(data, "justification");
            }
            case "AmendmentSupported", "AmendmentSupportWithdrawn", "AmendmentWithdrawn" ->
                    aboutAmendment(message, string(data, "amendmentId"));
            case "AmendmentAccepted" -> {
                if ("ACCEPTED_WITH_MODIFICATIONS".equals(string(data, "status"))) {
                    code = code + ".modified";
                }
                aboutAmendment(message, string(data, "amendmentId"));
                long version = number(data, "version", 0);
                message.link(version(version), versionHref(version));
                quoteLabel = formats.message("timeline.quote.reason");
                quote = string(data, "reason");
            }
            case "AmendmentRejected" -> {
                aboutAmendment(message, string(data, "amendmentId"));
                quoteLabel = formats.message("timeline.quote.reason");
                quote = string(data, "reason");
            }
            case "CommentPosted" -> {
                String provisionId = string(data, "provisionId");
                String amendmentId = string(data, "amendmentId");
                if (string(data, "replyTo") != null) {
                    code = code + ".reply";
                } else if (amendmentId != null) {
                    code = code + ".amendment";
                } else if (provisionId != null) {
                    code = code + ".provision";
                } else {
                    code = code + ".consultation";
                }
                provision(message, provisionId);
                amendment(message, amendmentId);
                quoteLabel = formats.message("timeline.quote.comment");
                quote = string(data, "body");
                if ("CHATHAM_HOUSE".equals(string(data, "attribution"))) {
                    note = formats.message("timeline.note.chathamHouse");
                }
            }
            case "ProvisionStatusChanged" -> {
                String to = string(data, "to");
                provision(message, string(data, "provisionId"));
                if (PROVISION_STATUSES.contains(to)) {
                    code = code + "." + to;
                } else {
                    message.text(to);
                }
                quoteLabel = formats.message("timeline.quote.reason");
                quote = string(data, "reason");
            }
            case "TextBracketed" -> {
                int alternatives = list(data, "alternatives").size();
                if (alternatives > 0) {
                    code = code + ".alternatives";
                }
                message.text(shorten(string(data, "words")));
                provision(message, string(data, "provisionId"));
                message.value(alternatives);
                quoteLabel = formats.message("timeline.quote.note");
                quote = string(data, "note");
            }
            case "AlternativeSupported", "AlternativeSupportWithdrawn" ->
                    message.text(shortId(string(data, "alternativeId"))).text(shortId(string(data, "bracketId")));
            case "BracketResolved" -> {
                String alternativeId = string(data, "alternativeId");
                code = code + (alternativeId == null ? ".newWording" : ".alternative");
                message.text(shortId(string(data, "bracketId")));
                provision(message, string(data, "provisionId"));
                message.text(shortId(alternativeId)).text(shorten(string(data, "wording")));
                long version = number(data, "version", 0);
                message.link(version(version), versionHref(version));
                quoteLabel = formats.message("timeline.quote.reason");
                quote = string(data, "reason");
            }
            case "CompromiseProposed" -> {
                message.text(shortId(string(data, "compromiseId")));
                provision(message, string(data, "provisionId"));
                message.value(list(data, "amendmentIds").size()).text(formats.dateTime(instant(data, "deadline")));
                quoteLabel = formats.message("timeline.quote.note");
                quote = string(data, "note");
            }
            case "CompromiseConsented" -> message.text(shortId(string(data, "compromiseId")));
            case "CompromiseObjected", "CompromiseWithdrawn" -> {
                message.text(shortId(string(data, "compromiseId")));
                quoteLabel = formats.message("timeline.quote.reason");
                quote = string(data, "reason");
            }
            case "CompromiseAccepted" -> {
                message.text(shortId(string(data, "compromiseId")));
                provision(message, string(data, "provisionId"));
                long version = number(data, "version", 0);
                message.link(version(version), versionHref(version));
                quoteLabel = formats.message("timeline.quote.reason");
                quote = string(data, "reason");
            }
            case "AdReferendumAgreed" -> {
                provision(message, string(data, "provisionId"));
                quoteLabel = formats.message("timeline.quote.note");
                quote = string(data, "note");
            }
            case "AdReferendumConfirmed" -> provision(message, string(data, "provisionId"));
            case "AdReferendumWithdrawn" -> {
                provision(message, string(data, "provisionId"));
                quoteLabel = formats.message("timeline.quote.reason");
                quote = string(data, "reason");
            }
            case "SilenceProcedureStarted" -> {
                String provisionId = string(data, "provisionId");
                if (provisionId != null) {
                    code = code + ".provision";
                    provision(message, provisionId);
                }
                long version = number(data, "version", 0);
                Instant deadline = instant(data, "deadline");
                String zone = string(data, "timeZone");
                // as set, in its zone, and in UTC like every other time of the page
                String until = zone == null || zone.equals("UTC") ? formats.dateTime(deadline)
                        : formats.dateTimeIn(deadline, zone) + " (" + formats.dateTime(deadline) + ")";
                message.link(version(version), versionHref(version)).text(until)
                        .text(String.join(", ", list(data, "breakableBy").stream()
                                .map(type -> formats.message("stakeholder." + type)).toList()));
            }
            case "SilenceBroken" -> {
                String provisionId = string(data, "provisionId");
                if (provisionId != null) {
                    code = code + ".provision";
                    provision(message, provisionId);
                }
                quoteLabel = formats.message("timeline.quote.reason");
                quote = string(data, "reason");
            }
            case "SilenceProcedureCompleted" -> {
                String provisionId = string(data, "provisionId");
                if (provisionId != null) {
                    code = code + ".provision";
                    provision(message, provisionId);
                } else {
                    long version = number(data, "version", 0);
                    message.link(version(version), versionHref(version));
                }
            }
            default -> {
                code = "timeline.event.other";
                message.text(entry.type());
            }
        }
        return new TimelinePage.Entry("e-" + entry.position(), formats.dateTime(entry.at()), formats.machine(entry.at()),
                message.format(code), quote == null ? null : quoteLabel, shorten(quote), note);
    }

    /** "France (State)"; a masked author as the API gives it: "A participant (Company)". */
    String actor(ApiTimeline.Participant actor) {
        if (actor == null) {
            return formats.message("timeline.actor.nobody");
        }
        String type = actor.stakeholderType() == null ? null : formats.message("stakeholder." + actor.stakeholderType());
        if (actor.organisation() == null) {
            return type == null ? formats.message("timeline.actor.masked") : formats.message("timeline.actor.maskedTyped", type);
        }
        return type == null ? actor.organisation() : formats.message("timeline.actor", actor.organisation(), type);
    }

    /** Arguments {1} the amendment's author, {2} its provision, {3} the amendment. */
    private void aboutAmendment(Message message, String amendmentId) {
        ApiTimeline.Amendment amendment = amendmentId == null ? null : amendments.get(amendmentId);
        if (amendment == null || amendment.author() == null || amendment.author().organisation() == null) {
            message.text(formats.message("timeline.someone"));
        } else {
            message.text(amendment.author().organisation());
        }
        provision(message, amendment == null ? null : amendment.provisionId());
        amendment(message, amendmentId);
    }

    private void provision(Message message, String provisionId) {
        String label = labels.label(provisionId);
        String text = label == null ? formats.message("timeline.provision.unknown") : formats.message("timeline.provision", label);
        message.link(text, labels.inText(provisionId) ? base + "#p-" + provisionId : null);
    }

    private void amendment(Message message, String amendmentId) {
        if (amendmentId == null) {
            message.text("");
        } else {
            message.link(shortId(amendmentId), base + "/dispositions#a-" + amendmentId);
        }
    }

    private String version(long version) {
        return formats.message("timeline.version", version);
    }

    private String versionHref(long version) {
        return base + "/versions/" + version;
    }

    static String shortId(String id) {
        return id == null ? null : id.length() <= 8 ? id : id.substring(0, 8);
    }

    /** At most {@link #QUOTE_LENGTH} characters, cut at a space and never inside a surrogate pair. */
    static String shorten(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.codePointCount(0, trimmed.length()) <= QUOTE_LENGTH) {
            return trimmed;
        }
        int end = trimmed.offsetByCodePoints(0, QUOTE_LENGTH);
        int space = trimmed.lastIndexOf(' ', end);
        if (space > QUOTE_LENGTH / 2) {
            end = space;
        }
        return trimmed.substring(0, end).stripTrailing() + "…";
    }

    private static String string(Map<String, Object> data, String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    private static long number(Map<String, Object> data, String key, long otherwise) {
        return data.get(key) instanceof Number number ? number.longValue() : otherwise;
    }

    private static List<?> list(Map<String, Object> data, String key) {
        return data.get(key) instanceof List<?> list ? list : List.of();
    }

    private static Instant instant(Map<String, Object> data, String key) {
        try {
            return data.get(key) == null ? null : Instant.parse(data.get(key).toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A message's arguments, some of them links: a link is passed to the pattern as a marker, found again
     * in the formatted sentence, and becomes a part of its own, wherever the language puts it.
     */
    private final class Message {

        private final List<Object> arguments = new ArrayList<>();
        private final Map<Integer, TimelinePage.Part> links = new HashMap<>();

        Message text(String text) {
            arguments.add(text == null ? "" : text.replace(OPEN, '\uFFFD').replace(CLOSE, '\uFFFD'));
            return this;
        }

        Message value(long value) {
            arguments.add(value);
            return this;
        }

        Message link(String text, String href) {
            if (href == null) {
                return text(text);
            }
            int index = arguments.size();
            links.put(index, new TimelinePage.Part(text, href, true));
            arguments.add(OPEN + Integer.toString(index) + CLOSE);
            return this;
        }

        List<TimelinePage.Part> format(String code) {
            String sentence = formats.message(code, arguments.toArray());
            List<TimelinePage.Part> parts = new ArrayList<>();
            int from = 0;
            while (true) {
                int open = sentence.indexOf(OPEN, from);
                int close = open < 0 ? -1 : sentence.indexOf(CLOSE, open);
                if (close < 0) {
                    break;
                }
                if (open > from) {
                    parts.add(new TimelinePage.Part(sentence.substring(from, open), null, false));
                }
                parts.add(links.get(Integer.parseInt(sentence.substring(open + 1, close))));
                from = close + 1;
            }
            if (from < sentence.length()) {
                parts.add(new TimelinePage.Part(sentence.substring(from), null, false));
            }
            return parts;
        }
    }
}
