package org.concord.query.history.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.concord.messages.consultation.Provision;
import org.concord.messages.history.FindProvenanceQuery;
import org.concord.messages.history.FindProvisionHistoryQuery;
import org.concord.messages.history.FindTextAsOfQuery;
import org.concord.messages.history.FindTextAtVersionQuery;
import org.concord.messages.history.FindVersionsQuery;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.history.query.HistoryViews.Cause;
import org.concord.query.history.query.HistoryViews.ProvenanceView;
import org.concord.query.history.query.HistoryViews.ProvisionProvenance;
import org.concord.query.history.query.HistoryViews.Span;
import org.concord.query.history.query.HistoryViews.TextAtVersion;
import org.concord.query.history.query.HistoryViews.VersionSummary;
import org.concord.query.history.query.HistoryViews.Wording;
import org.concord.query.readmodel.ReadModels;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A history stored before its read models were typed records, written exactly as the earlier projection's
 * hand-built BSON wrote it (explicit nulls, enums as names, dates), is read back whole: versions, the text at
 * a version and at an instant, a provision's wordings and the provenance of its words.
 */
class StoredHistoryShapeTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant REVISED = Instant.parse("2026-03-09T09:00:00Z");
    private static final Actor DRAFTER = new Actor("d", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);

    private MongoClient client;
    private ReadModels readModels;
    private TextHistoryQueries queries;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        readModels = new ReadModels(client.getDatabase(test.name()));
        queries = new TextHistoryQueries(readModels);
        storeTwoVersionsInTheEarlierShape();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static Document drafter() {
        return new Document("participantId", "d").append("organisation", "Secretariat").append("stakeholderType", "INTERNATIONAL_ORGANISATION");
    }

    private static Document cause(String type) {
        return new Document("type", type).append("amendmentId", null).append("author", drafter())
                .append("decidedBy", type.equals("CREATION") ? null : drafter()).append("reason", type.equals("CREATION") ? null : "drafting");
    }

    private static Document provision(String text) {
        return new Document("provisionId", "p1").append("label", "1").append("text", text);
    }

    private void storeTwoVersionsInTheEarlierShape() {
        readModels.collection(TextHistoryProjection.TEXTS).writing().insertOne(new Document("_id", "c-1").append("version", 2)
                .append("provisions", List.of(provision("States shall act.")))
                .append("times", List.of(Date.from(CREATED), Date.from(REVISED))));
        readModels.collection(TextHistoryProjection.VERSIONS).writing().insertMany(List.of(
                new Document("_id", "c-1:1").append("consultationId", "c-1").append("version", 1).append("createdAt", Date.from(CREATED))
                        .append("cause", cause("CREATION"))
                        .append("changes", List.of(new Document("kind", "INSERT_AFTER").append("provisionId", null)
                                .append("newProvisionId", "p1").append("label", "1").append("text", "States should act.")))
                        .append("text", List.of(provision("States should act."))),
                new Document("_id", "c-1:2").append("consultationId", "c-1").append("version", 2).append("createdAt", Date.from(REVISED))
                        .append("cause", cause("REVISION"))
                        .append("changes", List.of(new Document("kind", "REPLACE").append("provisionId", "p1")
                                .append("newProvisionId", null).append("label", null).append("text", "States shall act.")))));
        readModels.collection(TextHistoryProjection.PROVISION_HISTORIES).writing().insertOne(new Document("_id", "c-1:p1")
                .append("entries", List.of(
                        new Document("version", 1).append("label", "1").append("text", "States should act.").append("deleted", false)
                                .append("cause", cause("CREATION")),
                        new Document("version", 2).append("label", "1").append("text", "States shall act.").append("deleted", false)
                                .append("cause", cause("REVISION"))))
                .append("lastVersion", 2).append("consultationId", "c-1").append("provisionId", "p1"));
        readModels.collection(TextHistoryProjection.PROVENANCE).writing().insertOne(new Document("_id", "c-1:p1")
                .append("consultationId", "c-1").append("provisionId", "p1")
                .append("spans", List.of(
                        new Document("text", "States").append("by", new Document("version", 1).append("amendmentId", null)
                                .append("participantId", "d").append("organisation", "Secretariat")
                                .append("stakeholderType", "INTERNATIONAL_ORGANISATION")),
                        new Document("text", " shall act.").append("by", new Document("version", 2).append("amendmentId", "a-1")
                                .append("participantId", "p-fr").append("organisation", "France").append("stakeholderType", "STATE")))));
    }

    @Test
    void the_versions_are_read_with_their_causes() {
        assertThat(queries.handle(new FindVersionsQuery("c-1"))).containsExactly(
                new VersionSummary(1, CREATED, new Cause("CREATION", null, DRAFTER, null, null)),
                new VersionSummary(2, REVISED, new Cause("REVISION", null, DRAFTER, DRAFTER, "drafting")));
    }

    @Test
    void the_text_at_a_version_and_at_an_instant_is_rebuilt_from_the_checkpoint_and_the_changes() {
        assertThat(queries.handle(new FindTextAtVersionQuery("c-1", 2)))
                .contains(new TextAtVersion(2, REVISED, List.of(new HistoryViews.VersionProvision("p1", "1", "States shall act.",
                        org.concord.messages.negotiation.ProvisionStatus.OPEN, "States shall act.", "States shall act.", List.of()))));
        assertThat(queries.handle(new FindTextAsOfQuery("c-1", REVISED.minusSeconds(1))).map(TextAtVersion::version)).contains(1);
    }

    @Test
    void a_provisions_wordings_and_the_provenance_of_its_words_are_read() {
        assertThat(queries.handle(new FindProvisionHistoryQuery("c-1", "p1"))).extracting(Wording::version, Wording::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "States should act."), org.assertj.core.groups.Tuple.tuple(2, "States shall act."));
        assertThat(queries.handle(new FindProvenanceQuery("c-1"))).contains(new ProvenanceView(2, List.of(new ProvisionProvenance("p1", "1",
                List.of(new Span("States", 1, null, "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION),
                        new Span(" shall act.", 2, "a-1", "France", StakeholderType.STATE))))));
    }
}
