package org.concord.workspace.consultation;

import org.concord.workspace.api.Caller;
import org.concord.workspace.form.FormKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * What the person reading the text page may do there, so that the page offers only that: comment (a
 * participant or a drafter, while a round is open and before its deadline), propose amendments and support them
 * (a participant, likewise). Nothing for an anonymous reader or an observer.
 *
 * @param participantId the reader's id (their own amendments are not theirs to support), or null
 * @param comment       whether they may comment and reply
 * @param propose       whether they may propose, support and withdraw amendments
 * @param pageKey       the key this rendering of the page gives its buttons' forms
 * @param drafter       whether they are a drafter: the page then shows the drafters' steps its status allows
 * @param participant   whether they are a participant (who endorse an adopted text)
 * @param status        the consultation's status: DRAFT, PROPOSED, OPEN, CLOSED or ADOPTED
 */
public record Viewer(String participantId, boolean comment, boolean propose, String pageKey, boolean drafter, boolean participant,
                     String status) {

    /** {@code deadline}: the current round's, or null; {@code now}: the time of the page. */
    static Viewer of(Caller caller, String status, Instant deadline, Instant now) {
        if (caller.person() == null) {
            return new Viewer(null, false, false, FormKey.fresh(), false, false, status);
        }
        boolean participant = caller.person().roles().contains("PARTICIPANT");
        boolean open = "OPEN".equals(status) && (deadline == null || now.isBefore(deadline));
        return new Viewer(caller.person().participantId(), open && (participant || caller.person().drafter()), open && participant,
                FormKey.fresh(), caller.person().drafter(), participant, status);
    }

    /** Whether a drafter may open a round, revise or adopt: the text is not under comment nor adopted. */
    public boolean between() {
        return "DRAFT".equals(status) || "PROPOSED".equals(status) || "CLOSED".equals(status);
    }

    /** Whether the amendment whose author is {@code authorId} is the reader's own. */
    public boolean owns(String authorId) {
        return participantId != null && participantId.equals(authorId);
    }

    /**
     * The form key of the button {@code action} ("support") of {@code amendmentId} on this rendering of the page:
     * one key per button, so that two buttons of one page are two requests, and a button pressed twice one.
     */
    public String keyFor(String action, String amendmentId) {
        return UUID.nameUUIDFromBytes((pageKey + "/" + action + "/" + amendmentId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
