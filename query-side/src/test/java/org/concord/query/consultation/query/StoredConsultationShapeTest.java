package org.concord.query.consultation.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.consultation.FindConsultationsQuery;
import org.concord.messages.consultation.FindEndorsementsQuery;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.readmodel.ReadModels;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read models stored before they were typed records: documents written exactly as the hand-built BSON of the
 * earlier projection wrote them (explicit nulls, enums as names, dates) are read back whole by the records.
 */
class StoredConsultationShapeTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2026-04-01T17:00:00Z");

    private MongoClient client;
    private ReadModels readModels;
    private ConsultationProjection projection;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        readModels = new ReadModels(client.getDatabase(test.name()));
        projection = new ConsultationProjection(readModels);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void a_consultation_stored_in_the_earlier_shape_is_read_whole() {
        readModels.collection("consultations").writing().insertOne(new Document("_id", "c-1")
                .append("title", "Code of Practice").append("summary", null).append("status", "OPEN").append("visibility", "PUBLIC")
                .append("version", 3)
                .append("round", new Document("number", 2).append("deadline", Date.from(DEADLINE)).append("status", "OPEN"))
                .append("proposer", new Document("participantId", "d").append("organisation", "Secretariat")
                        .append("stakeholderType", "INTERNATIONAL_ORGANISATION"))
                .append("provisions", List.of(new Document("provisionId", "p1").append("label", "1").append("text", "States should act.")))
                .append("changedIn", new Document("p1", 3))
                .append("createdAt", Date.from(CREATED))
                .append("position", 42L));

        ConsultationDetail detail = projection.handle(new FindConsultationQuery("c-1")).orElseThrow();

        assertThat(detail).isEqualTo(new ConsultationDetail("c-1", "Code of Practice", null, ConsultationStatus.OPEN, Visibility.PUBLIC,
                3, new Actor("d", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION),
                new ConsultationDetail.Round(2, DEADLINE, "OPEN"), List.of(ProvisionView.open(new Provision("p1", "1", "States should act."))), null, CREATED,
                42L, Map.of("p1", 3)));
        assertThat(projection.handle(new FindConsultationsQuery(false))).extracting(ConsultationSummary::round, ConsultationSummary::deadline)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, DEADLINE));
    }

    @Test
    void an_endorsement_stored_in_the_earlier_shape_is_read_whole() {
        readModels.collection("endorsements").writing().insertOne(new Document("_id", "c-1/France")
                .append("consultationId", "c-1").append("organisation", "France").append("stakeholderType", "STATE")
                .append("country", null).append("endorsedAt", Date.from(CREATED)));

        assertThat(projection.handle(new FindEndorsementsQuery("c-1")))
                .containsExactly(new EndorsementView("France", StakeholderType.STATE, null, CREATED));
    }
}
