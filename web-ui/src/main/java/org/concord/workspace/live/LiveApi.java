package org.concord.workspace.live;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** The API's answers the live relay reads (docs/api.md: Consultations, Amendments, Change feeds). */
final class LiveApi {

    private LiveApi() {
    }

    /**
     * What the relay needs of {@code GET /api/consultations/{id}}: the provisions' labels, and the position
     * the answer reflects (null from an API that does not say it).
     */
    record Detail(List<Provision> provisions, Long position) {
    }

    record Provision(String provisionId, String label) {
    }

    /** An item of {@code GET /api/consultations/{id}/amendments}: which provision it is about. */
    record Amendment(String amendmentId, String provisionId) {
    }

    /** An entry of {@code GET /api/consultations/{id}/history}, as far as its position. */
    record HistoryEntry(long position) {
    }

    /**
     * The {@code data:} of a feed event: a timeline entry as this caller may see it.
     *
     * @param actor who acted; only {@code stakeholderType} for a Chatham House comment the caller may not attribute
     * @param data  the event's fields
     */
    record Entry(long position, Instant at, String type, Actor actor, JsonNode data) {
    }

    record Actor(String participantId, String organisation, String stakeholderType) {
    }
}
