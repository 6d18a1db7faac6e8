package org.concord.query.history.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.concord.messages.history.FindTimelineQuery;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.event.TimelineEntries;
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
 * A timeline stored before its entries were typed records, written as the earlier projection wrote it (an
 * index of chunks, chunks of { position, at, type, actor, data }), is read back whole and masked per reader.
 */
class StoredTimelineShapeTest {

    private static final Instant POSTED = Instant.parse("2026-03-02T09:00:00Z");

    private MongoClient client;
    private TimelineProjection timeline;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        ReadModels readModels = new ReadModels(client.getDatabase(test.name()));
        timeline = new TimelineProjection(readModels);
        readModels.collection("timelines").writing().insertOne(new Document("_id", "c-1").append("chunks", List.of(0L)));
        readModels.collection("timelineChunks").writing().insertOne(new Document("_id", "c-1:0").append("entries", List.of(
                new Document("position", 7L).append("at", Date.from(POSTED)).append("type", "CommentPosted")
                        .append("actor", new Document("participantId", "p-fr").append("organisation", "France").append("stakeholderType", "STATE"))
                        .append("data", new Document("commentId", "k-1").append("consultationId", "c-1").append("provisionId", "p1")
                                .append("replyTo", null).append("amendmentId", null).append("body", "Which sale?")
                                .append("attribution", "CHATHAM_HOUSE").append("round", 1)))));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void an_entry_stored_in_the_earlier_shape_is_read_whole_by_a_drafter() {
        TimelineEntries.Entry entry = timeline.handle(new FindTimelineQuery("c-1", "d", true, 0, 0)).get(0);

        assertThat(entry.position()).isEqualTo(7);
        assertThat(entry.at()).isEqualTo(POSTED);
        assertThat(entry.actor()).isEqualTo(new TimelineEntries.Actor("p-fr", "France", StakeholderType.STATE));
        assertThat(entry.summary()).isEqualTo("France commented on provision p1");
        assertThat(entry.data()).containsEntry("body", "Which sale?").containsEntry("round", 1);
    }

    @Test
    void an_entry_stored_in_the_earlier_shape_keeps_its_chatham_house_author_from_another_reader() {
        TimelineEntries.Entry entry = timeline.handle(new FindTimelineQuery("c-1", "p-de", false, 0, 0)).get(0);

        assertThat(entry.actor()).isEqualTo(new TimelineEntries.Actor(null, null, StakeholderType.STATE));
    }
}
