package org.concord.workspace.history;

import org.concord.workspace.layout.Formats;
import org.springframework.context.NoSuchMessageException;

import java.time.Instant;

/** Why a version exists, and when, in the page's language. Authors are shown exactly as the API gives them. */
final class Causes {

    /** The length of an amendment's id as shown to people: enough to tell a consultation's amendments apart. */
    static final int SHORT_ID = 8;

    private Causes() {
    }

    /**
     * "Created by X (State)", "Amendment 1a2b3c4d by Kenya (State), accepted by UK Secretariat (State)",
     * "Revised by UK Secretariat (State): legal scrub".
     */
    static String sentence(ApiHistory.Cause cause, Formats formats) {
        if (cause == null || cause.type() == null) {
            return formats.message("history.cause.unknown");
        }
        return switch (cause.type()) {
            case "CREATION" -> cause.author() == null ? formats.message("history.cause.creation")
                    : formats.message("history.cause.creationBy", who(cause.author(), formats));
            case "AMENDMENT" -> formats.message("history.cause.amendment", shortId(cause.amendmentId()),
                    who(cause.author(), formats), organisation(cause.decidedBy(), formats));
            case "REVISION" -> {
                ApiHistory.Participant reviser = cause.decidedBy() != null ? cause.decidedBy() : cause.author();
                yield cause.reason() == null || cause.reason().isBlank()
                        ? formats.message("history.cause.revisionNoReason", organisation(reviser, formats))
                        : formats.message("history.cause.revision", organisation(reviser, formats), cause.reason());
            }
            default -> formats.message("history.cause.other", cause.type());
        };
    }

    /** The drafter's reason for accepting an amendment, to show under its sentence; empty otherwise (a revision says it already). */
    static String acceptanceReason(ApiHistory.Cause cause, Formats formats) {
        if (cause == null || !"AMENDMENT".equals(cause.type()) || cause.reason() == null || cause.reason().isBlank()) {
            return "";
        }
        return formats.message("history.cause.reason", cause.reason());
    }

    /** "Kenya (State)"; only the type where the organisation is not disclosed; "an unknown participant" for none. */
    static String who(ApiHistory.Participant participant, Formats formats) {
        if (participant == null) {
            return formats.message("history.who.unknown");
        }
        String type = stakeholder(participant.stakeholderType(), formats);
        if (participant.organisation() == null) {
            return type.isEmpty() ? formats.message("history.who.unknown") : formats.message("history.who.undisclosed", type);
        }
        return type.isEmpty() ? participant.organisation() : formats.message("history.who", participant.organisation(), type);
    }

    /** The drafter's organisation alone, as the API gives it; as {@link #who} where it is not disclosed. */
    static String organisation(ApiHistory.Participant participant, Formats formats) {
        return participant == null || participant.organisation() == null ? who(participant, formats) : participant.organisation();
    }

    static String stakeholder(String type, Formats formats) {
        if (type == null) {
            return "";
        }
        try {
            return formats.message("stakeholder." + type);
        } catch (NoSuchMessageException e) {
            return type;
        }
    }

    static String shortId(String id) {
        if (id == null) {
            return "?";
        }
        return id.length() <= SHORT_ID ? id : id.substring(0, SHORT_ID);
    }

    /**
     * A version's time to the second, in UTC: versions are often made within the same minute (a drafter
     * accepting several amendments), and the reader must tell them apart and may ask for the text between.
     * The date is localised as {@link Formats#dateTime} does it, with the same {@code format.dateTime} pattern.
     */
    static String preciseTime(Instant instant, Formats formats) {
        return formats.dateTimeToTheSecond(instant);
    }

    /** "Provision 2.a.i"; a change or wording without a label (it should always have one) gets "Provision". */
    static String provision(String label, Formats formats) {
        return label == null || label.isBlank() ? formats.message("history.provision.unlabelled") : formats.message("history.provision", label);
    }

    /** ADDED, REMOVED, MODIFIED in words. */
    static String change(String change, Formats formats) {
        try {
            return formats.message("history.change." + change);
        } catch (NoSuchMessageException e) {
            return change;
        }
    }
}
