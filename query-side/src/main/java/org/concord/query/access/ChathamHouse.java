package org.concord.query.access;

import java.util.Objects;

/**
 * The Chatham House rule of comments, in one place for every read that shows who wrote one (comment
 * threads, the timeline, the feeds): the content is visible, the author's identity and organisation
 * only to drafters and to the author.
 */
public final class ChathamHouse {

    private ChathamHouse() {
    }

    public static boolean hidesAuthor(boolean chathamHouse, String authorParticipantId, String readerParticipantId,
                                      boolean readerIsDrafter) {
        return chathamHouse && !readerIsDrafter
                && (readerParticipantId == null || !Objects.equals(readerParticipantId, authorParticipantId));
    }
}
