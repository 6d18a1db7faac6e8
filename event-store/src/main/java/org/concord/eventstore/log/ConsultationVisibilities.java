package org.concord.eventstore.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.concord.eventstore.RawEventLog;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a consultation is RESTRICTED, as its creation event in the store says: learnt from the creation events
 * the log reads, else looked up (the consultation's event of sequence 0) for one created before the reader's start.
 * A visibility never changes, so the answers are remembered (the most recently used 10,000).
 */
final class ConsultationVisibilities {

    static final String CONSULTATION_CREATED = "org.concord.messages.consultation.ConsultationCreatedEvent";
    private static final int REMEMBERED = 10_000;

    private final RawEventLog events;
    private final ObjectMapper json;
    private final Map<String, Boolean> restricted = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    ConsultationVisibilities(RawEventLog events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /** Learns the visibility a creation event states. */
    void learn(String payloadType, JsonNode payload) {
        if (CONSULTATION_CREATED.equals(payloadType) && payload.path("consultationId").isTextual()) {
            restricted.put(payload.get("consultationId").asText(), !"PUBLIC".equals(payload.path("visibility").asText()));
        }
    }

    /** A consultation whose creation event the store does not hold counts as restricted: nothing is shown that might not be public. */
    boolean isRestricted(String consultationId) {
        Boolean known = restricted.get(consultationId);
        if (known != null) {
            return known;
        }
        Optional<JsonNode> created = events.readRawEvent(consultationId, 0)
                .filter(event -> CONSULTATION_CREATED.equals(event.payloadType()))
                .flatMap(event -> parse(event.payload()));
        if (created.isEmpty()) {
            return true;
        }
        learn(CONSULTATION_CREATED, created.get());
        return restricted.getOrDefault(consultationId, true);
    }

    private Optional<JsonNode> parse(byte[] payload) {
        try {
            return Optional.of(json.readTree(payload));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
