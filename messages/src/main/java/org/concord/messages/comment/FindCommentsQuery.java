package org.concord.messages.comment;

/**
 * The comment threads of a consultation, optionally only those on one provision or amendment, as
 * one reader may see them: Chatham House authors are shown only to drafters and to the author.
 */
public record FindCommentsQuery(String consultationId, String provisionId, String amendmentId,
                                String readerParticipantId, boolean readerIsDrafter) {
}
