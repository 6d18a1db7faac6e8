package org.concord.eventstore.log;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The log's entry for one stored event: the canonical JSON (RFC 8785) that its leaf hashes, with the parts not
 * everyone may see replaced by commitments, and those parts themselves with their salts, for callers entitled to
 * them. Hidden parts are listed outermost first: a Chatham House author inside a RESTRICTED payload is committed
 * inside the payload's commitment, and revealed after it.
 */
public record LogEntry(long position, String eventIdentifier, byte[] canonical, byte[] leafHash, List<HiddenPart> hidden) {

    /** Who may see a hidden part. */
    public enum Audience {
        /** a RESTRICTED consultation's readers, participants and drafters: its events' payload, type, aggregate and sequence */
        RESTRICTED_READERS,
        /** participant events (registrations, revocations): administrators */
        ADMINISTRATORS,
        /** a Chatham House comment's author: drafters and the author ({@code authorParticipantId}) */
        DRAFTERS_AND_AUTHOR
    }

    /**
     * A part hidden behind {@code {"committed": hex(SHA-256(salt || JCS(value)))}} at the JSON Pointer {@code path}.
     * {@code authorParticipantId} is set for {@link Audience#DRAFTERS_AND_AUTHOR}.
     */
    public record HiddenPart(String path, Audience audience, String authorParticipantId, byte[] salt, JsonNode value) {
    }
}
