package org.concord.query.amendment.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.FindAmendmentQuery;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.consultation.query.ConsultationProjection;
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

/** An amendment stored before the read model was a typed record, as the earlier projection wrote it, is read back whole. */
class StoredAmendmentShapeTest {

    private static final Instant PROPOSED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant DECIDED = Instant.parse("2026-03-05T09:00:00Z");

    private MongoClient client;
    private ReadModels readModels;
    private AmendmentProjection projection;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        readModels = new ReadModels(client.getDatabase(test.name()));
        projection = new AmendmentProjection(readModels, new ConsultationProjection(readModels));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static Document actor(String id, String organisation, String type) {
        return new Document("participantId", id).append("organisation", organisation).append("stakeholderType", type);
    }

    @Test
    void an_amendment_stored_in_the_earlier_shape_is_read_whole() {
        readModels.collection("amendments").writing().insertOne(new Document("_id", "a-1")
                .append("consultationId", "c-1").append("kind", "REPLACE").append("provisionId", "p1").append("baseVersion", 1)
                .append("text", "States shall act.").append("label", null).append("justification", "Stronger")
                .append("status", "ACCEPTED").append("round", 1).append("author", actor("p-fr", "France", "STATE"))
                .append("supporters", List.of(actor("p-de", "Germany", "STATE"), actor("p-ngo", "Access Now", "NGO")))
                .append("decision", new Document("by", "d").append("organisation", "Secretariat").append("reason", null)
                        .append("at", Date.from(DECIDED)).append("version", 2))
                .append("proposedAt", Date.from(PROPOSED)));

        AmendmentView view = projection.handle(new FindAmendmentQuery("c-1", "a-1")).orElseThrow();

        assertThat(view).isEqualTo(new AmendmentView("a-1", ChangeKind.REPLACE, "p1", 1, "States shall act.", null, "Stronger",
                AmendmentStatus.ACCEPTED, false, 1, new Actor("p-fr", "France", StakeholderType.STATE),
                new AmendmentView.Supporters(2, Map.of("NGO", 1, "STATE", 1)),
                new AmendmentView.Decision("d", null, DECIDED, 2), PROPOSED));
    }
}
