package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.ADMIN;
import static org.concord.system.ConcordApi.json;

/**
 * The administrators' audit trail of one participant, read from the events: what they did, in order,
 * their registration and revocation, nothing that would attribute a Chatham House comment, and nothing of a
 * RESTRICTED consultation that the administrator could not read elsewhere.
 */
class AuditIT {

    @Test
    void an_administrator_reads_what_a_participant_did_in_order_without_their_chatham_house_comments() {
        ConcordApi api = new ConcordApi(ConcordProcesses.shared());
        String drafter = api.registerToken("Audit Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
        JsonNode audited = api.register("Republic of Audit", "STATE", "AT", "PARTICIPANT");
        String token = audited.get("token").asText();
        String participantId = audited.get("participantId").asText();
        String other = api.registerToken("Other Audit Delegation", "STATE", "BE", "PARTICIPANT");

        JsonNode created = json(api.createConsultation(drafter, "Audited consultation", "PUBLIC"), 201);
        String c = created.get("consultationId").asText();
        String provision = json(api.get(drafter, "/api/consultations/{id}?minPosition={p}", c, created.get("position").asLong()), 200)
                .at("/provisions/0/provisionId").asText();
        json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString()), c), 201);
        String othersAmendment = json(api.post(other, "/api/consultations/{id}/amendments", Map.of("kind", "REPLACE",
                "provisionId", provision, "baseVersion", 1, "text", "States shall regulate intrusion tools.", "justification", "Firmer"), c), 201)
                .get("amendmentId").asText();
        String amendment = json(api.post(token, "/api/consultations/{id}/amendments", Map.of("kind", "DELETE",
                "provisionId", provision, "baseVersion", 1, "justification", "Redundant"), c), 201).get("amendmentId").asText();
        json(api.post(token, "/api/consultations/{id}/amendments/{aid}/support", null, c, othersAmendment), 200);
        json(api.post(token, "/api/consultations/{id}/comments", Map.of("provisionId", provision,
                "body", "Said under the Chatham House rule", "attribution", "CHATHAM_HOUSE"), c), 201);
        json(api.post(token, "/api/consultations/{id}/comments", Map.of("provisionId", provision,
                "body", "Said on the record", "attribution", "ATTRIBUTED"), c), 201);
        json(api.post(ADMIN, "/api/participants/{id}/revoke", null, participantId), 200);

        List<String> expected = List.of("ParticipantRegistered", "AmendmentProposed", "AmendmentSupported", "CommentPosted",
                "ParticipantRevoked");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(types(json(api.get(ADMIN, "/api/admin/audit?participantId={id}", participantId), 200))).isEqualTo(expected));

        JsonNode trail = json(api.get(ADMIN, "/api/admin/audit?participantId={id}", participantId), 200);
        String body = trail.toString();
        assertThat(body).contains("Said on the record", amendment, othersAmendment, "Republic of Audit")
                .doesNotContain("Said under the Chatham House rule")
                .doesNotContain("tokenHash");
        assertThat(trail.at("/entries/0/actor/participantId").asText()).isNotEqualTo(participantId);
        assertThat(trail.at("/entries/1/actor/participantId").asText()).isEqualTo(participantId);
        assertThat(trail.at("/entries/1/data/consultationId").asText()).isEqualTo(c);
        assertThat(trail.at("/entries/1/summary").asText()).contains("Republic of Audit proposed amendment " + amendment);

        long second = trail.at("/entries/1/position").asLong();
        JsonNode page = json(api.get(ADMIN, "/api/admin/audit?participantId={id}&after={after}&limit=2", participantId, second), 200);
        assertThat(types(page)).containsExactly("AmendmentSupported", "CommentPosted");

        // only administrators; unknown participants and bad parameters are clear client errors
        api.get(null, "/api/admin/audit?participantId={id}", participantId).expectStatus().isUnauthorized();
        api.get(drafter, "/api/admin/audit?participantId={id}", participantId).expectStatus().isForbidden();
        api.get(other, "/api/admin/audit?participantId={id}", participantId).expectStatus().isForbidden();
        api.get(token, "/api/admin/audit?participantId={id}", participantId).expectStatus().isUnauthorized();
        json(api.get(ADMIN, "/api/admin/audit?participantId=nobody-at-all"), 404);
        json(api.get(ADMIN, "/api/admin/audit"), 400);
        json(api.get(ADMIN, "/api/admin/audit?participantId={id}&limit=0", participantId), 400);
        json(api.get(ADMIN, "/api/admin/audit?participantId={id}&after=-1", participantId), 400);
    }

    @Test
    void an_administrator_reads_who_acted_in_a_restricted_consultation_and_when_but_not_what_they_wrote() {
        ConcordApi api = new ConcordApi(ConcordProcesses.shared());
        JsonNode drafting = api.register("Restricted Audit Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
        String drafter = drafting.get("token").asText();
        JsonNode delegation = api.register("Republic of Discretion", "STATE", "LU", "PARTICIPANT");
        String delegate = delegation.get("token").asText();
        String delegateId = delegation.get("participantId").asText();
        String adminAndDrafter = api.registerToken("Audit Office", "INTERNATIONAL_ORGANISATION", "CH", "ADMIN", "DRAFTER");

        JsonNode created = json(api.createConsultation(drafter, "Negotiated behind closed doors", "RESTRICTED"), 201);
        String c = created.get("consultationId").asText();
        String provision = json(api.get(drafter, "/api/consultations/{id}?minPosition={p}", c, created.get("position").asLong()), 200)
                .at("/provisions/0/provisionId").asText();
        json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString()), c), 201);
        json(api.post(delegate, "/api/consultations/{id}/amendments", Map.of("kind", "REPLACE", "provisionId", provision,
                "baseVersion", 1, "text", "A wording only delegates may read.", "justification", "A reason only delegates may read"), c), 201);
        long commented = json(api.post(delegate, "/api/consultations/{id}/comments", Map.of("provisionId", provision,
                "body", "A remark only delegates may read", "attribution", "ATTRIBUTED"), c), 201).get("position").asLong();

        // what an administrator may not read elsewhere: the consultation is a 404 for them
        api.get(ADMIN, "/api/consultations/{id}", c).expectStatus().isNotFound();
        JsonNode trail = json(api.get(ADMIN, "/api/admin/audit?participantId={id}&minPosition={p}", delegateId, commented), 200);
        assertThat(types(trail)).containsExactly("ParticipantRegistered", "AmendmentProposed", "CommentPosted");
        assertThat(trail.toString()).doesNotContain("A wording only delegates may read", "A reason only delegates may read",
                "A remark only delegates may read", "Negotiated behind closed doors", "States should regulate");
        for (JsonNode entry : List.of(trail.at("/entries/1"), trail.at("/entries/2"))) {
            assertThat(entry.at("/actor/participantId").asText()).isEqualTo(delegateId);
            assertThat(entry.at("/data/consultationId").asText()).isEqualTo(c);
            assertThat(entry.at("/data/contentWithheld").asBoolean()).isTrue();
            assertThat(entry.get("summary").asText()).startsWith("Republic of Discretion").contains(c);
        }
        JsonNode draftersTrail = json(api.get(ADMIN, "/api/admin/audit?participantId={id}", drafting.get("participantId").asText()), 200);
        assertThat(types(draftersTrail)).containsExactly("ParticipantRegistered", "ConsultationCreated", "RoundOpened");
        assertThat(draftersTrail.toString()).doesNotContain("Negotiated behind closed doors", "States should regulate");

        // an administrator who is also a drafter reads the consultation elsewhere, and so reads it in the trail too
        assertThat(json(api.get(adminAndDrafter, "/api/admin/audit?participantId={id}", delegateId), 200).toString())
                .contains("A wording only delegates may read", "A remark only delegates may read");
    }

    private static List<String> types(JsonNode trail) {
        List<String> types = new ArrayList<>();
        trail.get("entries").forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }
}
