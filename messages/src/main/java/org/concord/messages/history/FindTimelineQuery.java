package org.concord.messages.history;

/**
 * Everything that happened to a consultation, in order, as one reader may see it: Chatham House
 * authors are shown only to drafters and to the author. {@code afterPosition} and {@code limit} page
 * through it (0 and 0 for all of it).
 */
public record FindTimelineQuery(String consultationId, String readerParticipantId, boolean readerIsDrafter,
                                long afterPosition, int limit) {
}
