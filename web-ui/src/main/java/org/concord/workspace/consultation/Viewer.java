package org.concord.workspace.consultation;

import org.concord.workspace.api.Caller;
import org.concord.workspace.form.FormKey;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What the person reading the text page may do there, so that the page offers only that: comment (a
 * participant or a drafter, while a round is open), propose amendments and support them (a participant, while
 * a round is open). Nothing for an anonymous reader or an observer.
 *
 * @param participantId the reader's id (their own amendments are not theirs to support), or null
 * @param comment       whether they may comment and reply
 * @param propose       whether they may propose, support and withdraw amendments
 * @param pageKey       the key this rendering of the page gives its buttons' forms
 */
public record Viewer(String participantId, boolean comment, boolean propose, String pageKey) {

    static Viewer of(Caller caller, String status) {
        if (caller.person() == null || !"OPEN".equals(status)) {
            return new Viewer(caller.person() == null ? null : caller.person().participantId(), false, false, FormKey.fresh());
        }
        boolean participant = caller.person().roles().contains("PARTICIPANT");
        return new Viewer(caller.person().participantId(), participant || caller.person().drafter(), participant, FormKey.fresh());
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
