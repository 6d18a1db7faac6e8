package org.concord.eventstore.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.concord.eventstore.RawEventLog;
import org.concord.verifier.CanonicalJson;
import org.concord.verifier.Commitments;
import org.concord.verifier.Merkle;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Makes the log's entry of a stored event (docs/trust.md, the canonical entry):
 * <pre>
 * {"v":1, "position", "eventId", "type", "revision", "aggregate", "aggregateType", "sequence", "timestamp", "payload"}
 * </pre>
 * in RFC 8785 form, the payload being the stored JSON itself. What may not be seen by everyone is replaced by a
 * commitment {@code {"committed": hex}} = SHA-256(salt || JCS(value)), the salt being HMAC-SHA256(commitment secret,
 * eventId + "\n" + path), so every builder with the same secret makes the same entry:
 * <ul>
 * <li>the whole {@code /payload} of every event of a RESTRICTED consultation (its payload names the
 * {@code consultationId}) and of every participant event;</li>
 * <li>{@code /type}, {@code /aggregate}, {@code /aggregateType} and {@code /sequence} of every event of a RESTRICTED
 * consultation, each its own part: else anyone would learn from the log that the consultation exists (its id is the
 * aggregate of most of its events) and how active it is, which everywhere else is a 404;</li>
 * <li>{@code /payload/author} of a Chatham House comment (inside the payload's commitment when the consultation is
 * RESTRICTED).</li>
 * </ul>
 * The decision reads only the log: the consultation's creation event, learnt as entries are made in position order
 * or looked up. One instance per reader of the log in position order (it remembers visibilities).
 */
public final class LogEntries {

    static final String COMMENT_POSTED = "org.concord.messages.comment.CommentPostedEvent";
    static final String PARTICIPANT_EVENTS = "org.concord.messages.participant.";
    /** Beside the payload, what of a RESTRICTED consultation's event would tell of the consultation and its activity. */
    static final List<String> RESTRICTED_FIELDS = List.of("type", "aggregate", "aggregateType", "sequence");
    private static final String HMAC = "HmacSHA256";

    private final ObjectMapper json = new ObjectMapper();
    private final byte[] commitmentSecret;
    private final ConsultationVisibilities visibilities;

    public LogEntries(RawEventLog events, LogKeys keys) {
        this(events, keys.commitmentSecret());
    }

    LogEntries(RawEventLog events, byte[] commitmentSecret) {
        this.commitmentSecret = commitmentSecret.clone();
        this.visibilities = new ConsultationVisibilities(events, json);
    }

    /** The entry of a stored event; call in position order, so that creation events are learnt before their consultation's events. */
    public LogEntry entryOf(RawEventLog.StoredEvent event) {
        JsonNode payload = parse(event.payload());
        visibilities.learn(event.payloadType(), payload);
        List<LogEntry.HiddenPart> hidden = new ArrayList<>();
        String consultationId = payload.path("consultationId").isTextual() ? payload.get("consultationId").asText() : null;
        boolean restricted = consultationId != null && visibilities.isRestricted(consultationId);
        ObjectNode entry = entry(event, payload);
        LogEntry.HiddenPart author = null;
        if (COMMENT_POSTED.equals(event.payloadType()) && "CHATHAM_HOUSE".equals(payload.path("attribution").asText())
                && payload.has("author")) {
            JsonNode authorValue = payload.get("author");
            String authorId = authorValue.path("participantId").isTextual() ? authorValue.get("participantId").asText() : null;
            author = hide(event, "/payload/author", LogEntry.Audience.DRAFTERS_AND_AUTHOR, authorId, authorValue);
            entry.set("payload", ((ObjectNode) payload.deepCopy()).set("author", placeholder(author)));
        }
        if (restricted) {
            for (String field : RESTRICTED_FIELDS) {
                LogEntry.HiddenPart part = hide(event, "/" + field, LogEntry.Audience.RESTRICTED_READERS, null, entry.get(field));
                hidden.add(part);
                entry.set(field, placeholder(part));
            }
        }
        if (event.payloadType().startsWith(PARTICIPANT_EVENTS) || restricted) {
            LogEntry.Audience audience = restricted ? LogEntry.Audience.RESTRICTED_READERS : LogEntry.Audience.ADMINISTRATORS;
            LogEntry.HiddenPart whole = hide(event, "/payload", audience, null, entry.get("payload"));
            hidden.add(whole);
            entry.set("payload", placeholder(whole));
        }
        if (author != null) {
            hidden.add(author);
        }
        byte[] canonical = CanonicalJson.canonicalize(entry);
        return new LogEntry(event.position(), event.eventIdentifier(), canonical, Merkle.leafHash(canonical), List.copyOf(hidden));
    }

    private ObjectNode entry(RawEventLog.StoredEvent event, JsonNode payload) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("v", 1);
        entry.put("position", event.position());
        entry.put("eventId", event.eventIdentifier());
        entry.put("type", event.payloadType());
        entry.put("revision", event.payloadRevision());
        entry.put("aggregate", event.aggregateIdentifier());
        entry.put("aggregateType", event.aggregateType());
        entry.put("sequence", event.sequenceNumber());
        entry.put("timestamp", event.timestamp().toString());
        entry.set("payload", payload);
        return entry;
    }

    private LogEntry.HiddenPart hide(RawEventLog.StoredEvent event, String path, LogEntry.Audience audience, String authorId, JsonNode value) {
        return new LogEntry.HiddenPart(path, audience, authorId, salt(event.eventIdentifier(), path), value);
    }

    private ObjectNode placeholder(LogEntry.HiddenPart part) {
        return JsonNodeFactory.instance.objectNode().put("committed", Commitments.commit(part.salt(), part.value()));
    }

    /** HMAC-SHA256(commitment secret, eventId + "\n" + path): 32 bytes no one can guess without the secret. */
    byte[] salt(String eventIdentifier, String path) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(commitmentSecret, HMAC));
            return mac.doFinal((eventIdentifier + "\n" + path).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has " + HMAC, e);
        }
    }

    /** The stored payload as JSON; bytes that are not JSON (only a damaged store holds such) as a base64 string. */
    private JsonNode parse(byte[] payload) {
        try {
            JsonNode parsed = json.readTree(payload);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (IOException notJson) {
            // falls through to the base64 form
        }
        return JsonNodeFactory.instance.textNode(Base64.getEncoder().encodeToString(payload));
    }
}
