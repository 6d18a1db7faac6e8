package org.concord.query.event;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import org.bson.Document;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.access.ChathamHouse;
import org.concord.query.readmodel.StoredEntry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns a stored timeline entry into what one reader sees: the actor, masked to a stakeholder type
 * for a Chatham House comment unless the reader is a drafter or its author, and a one-line summary
 * written from what the reader may see.
 */
public final class TimelineEntries {

    private TimelineEntries() {
    }

    /** Who acted; only {@code stakeholderType} is set when the reader may not know who. */
    @Schema(name = "TimelineActor")
    public record Actor(@Nullable String participantId, @Nullable String organisation, @Nullable StakeholderType stakeholderType) {
    }

    public record Entry(long position, Instant at, String type, @Nullable Actor actor, String summary, Map<String, Object> data) {
    }

    public static Entry entry(StoredEntry stored, String readerParticipantId, boolean readerIsDrafter) {
        org.concord.messages.participant.Actor actor = stored.actor();
        Actor shown = null;
        if (actor != null) {
            boolean masked = ChathamHouse.hidesAuthor(stored.chathamHouse(), actor.participantId(), readerParticipantId, readerIsDrafter);
            shown = masked ? new Actor(null, null, actor.stakeholderType())
                    : new Actor(actor.participantId(), actor.organisation(), actor.stakeholderType());
        }
        return new Entry(stored.position(), stored.at(), stored.type(), shown, summary(stored.type(), shown, stored.data()), stored.data());
    }

    private static String summary(String type, Actor actor, Document data) {
        String who = actor == null ? "Someone"
                : actor.organisation() != null ? actor.organisation()
                : "A participant (" + actor.stakeholderType() + ", Chatham House)";
        return switch (type) {
            case "ConsultationCreated" -> who + ("PROPOSED".equals(data.getString("status")) ? " proposed" : " created")
                    + " \"" + data.getString("title") + "\" (version 1)";
            case "RoundOpened" -> who + " opened round " + data.get("round") + ", deadline " + data.get("deadline");
            case "RoundClosed" -> who + " closed round " + data.get("round");
            case "TextRevised" -> who + " revised the text: version " + data.get("version") + " (" + data.getString("reason") + ")";
            case "ConsultationAdopted" -> who + " adopted the text at version " + data.get("version");
            case "ConsultationEndorsed" -> data.getString("organisation") + " endorsed the adopted text";
            case "AmendmentProposed" -> who + " proposed amendment " + data.getString("amendmentId") + ": "
                    + data.getString("kind") + " provision " + data.getString("provisionId");
            case "AmendmentSupported" -> who + " supported amendment " + data.getString("amendmentId");
            case "AmendmentSupportWithdrawn" -> who + " withdrew support for amendment " + data.getString("amendmentId");
            case "AmendmentWithdrawn" -> who + " withdrew amendment " + data.getString("amendmentId");
            case "AmendmentAccepted" -> who + " accepted amendment " + data.getString("amendmentId")
                    + ("ACCEPTED_WITH_MODIFICATIONS".equals(data.getString("status")) ? " with modifications" : "")
                    + ": version " + data.get("version");
            case "AmendmentRejected" -> who + " rejected amendment " + data.getString("amendmentId");
            case "CommentPosted" -> who + (data.getString("replyTo") != null ? " replied to a comment" : " commented")
                    + (data.getString("amendmentId") != null ? " on amendment " + data.getString("amendmentId")
                    : data.getString("provisionId") != null ? " on provision " + data.getString("provisionId") : "");
            case "ProvisionStatusChanged" -> who + " set provision " + data.getString("provisionId") + " to "
                    + data.getString("to") + " (" + data.getString("reason") + ")";
            case "TextBracketed" -> who + " bracketed \"" + data.getString("words") + "\" in provision " + data.getString("provisionId")
                    + (data.getList("alternatives", Object.class, List.of()).isEmpty() ? ""
                    : " with " + data.getList("alternatives", Object.class).size() + " alternatives");
            case "AlternativeSupported" -> who + " supported alternative " + data.getString("alternativeId") + " of bracket "
                    + data.getString("bracketId");
            case "AlternativeSupportWithdrawn" -> who + " withdrew support for alternative " + data.getString("alternativeId")
                    + " of bracket " + data.getString("bracketId");
            case "BracketResolved" -> who + " resolved bracket " + data.getString("bracketId") + " in provision "
                    + data.getString("provisionId") + (data.getString("alternativeId") != null
                    ? " keeping alternative " + data.getString("alternativeId") : " with a new wording") + ": version " + data.get("version");
            case "CompromiseProposed" -> who + " proposed compromise " + data.getString("compromiseId") + " on provision "
                    + data.getString("provisionId") + ", merging amendments " + String.join(", ", data.getList("amendmentIds", String.class, List.of()));
            case "CompromiseConsented" -> data.getString("organisation") + " consented to compromise " + data.getString("compromiseId");
            case "CompromiseObjected" -> data.getString("organisation") + " objected to compromise " + data.getString("compromiseId");
            case "CompromiseAccepted" -> who + " accepted compromise " + data.getString("compromiseId") + ": version " + data.get("version");
            case "CompromiseWithdrawn" -> who + " withdrew compromise " + data.getString("compromiseId");
            case "AdReferendumAgreed" -> data.getString("organisation") + " agreed to provision " + data.getString("provisionId")
                    + " ad referendum";
            case "AdReferendumConfirmed" -> data.getString("organisation") + " confirmed its agreement to provision "
                    + data.getString("provisionId");
            case "AdReferendumWithdrawn" -> data.getString("organisation") + " withdrew its ad referendum agreement to provision "
                    + data.getString("provisionId");
            case "SilenceProcedureStarted" -> who + " put " + (data.getString("provisionId") != null
                    ? "provision " + data.getString("provisionId") : "the text") + " (version " + data.get("version")
                    + ") under a silence procedure until " + data.get("deadline") + " (" + data.getString("timeZone") + ")";
            case "SilenceBroken" -> who + " broke silence (procedure " + data.getString("procedureId") + ")";
            case "SilenceProcedureCompleted" -> "Nobody broke silence: procedure " + data.getString("procedureId") + " passed"
                    + (data.getString("provisionId") != null ? ", provision " + data.getString("provisionId") + " is agreed"
                    : ", the text at version " + data.get("version") + " is adopted");
            case "ParticipantRegistered" -> who + " registered " + data.getString("displayName") + " for "
                    + data.getString("organisation") + " with the roles " + data.get("roles");
            case "ParticipantRevoked" -> who + " revoked the credential of participant " + data.getString("participantId");
            default -> who + ": " + type;
        };
    }
}
