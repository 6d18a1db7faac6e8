package org.concord.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.eventstore.TestEngine.SERIALIZER;
import static org.concord.eventstore.TestEngine.event;

/** A reader that stored its token, as a token store does with Jackson, resumes exactly where it stopped. */
@ExtendWith(MongoDbExtension.class)
class TokenRestartTest {

    @Test
    void aReaderRestartedFromItsStoredTokenContinuesWithTheNextEvent(TestMongoDatabase database) {
        TrackingToken stored;
        try (TestEngine before = TestEngine.open(database)) {
            before.engine.appendEvents(LongStream.range(0, 250).mapToObj(sequence -> event("a", sequence)).toList());
            List<? extends TrackedEventMessage<?>> firstPart = before.engine.readEvents(null, false).limit(120).toList();
            stored = firstPart.get(119).trackingToken();
        }

        try (TestEngine after = TestEngine.open(database)) {
            List<TrackedEventMessage<?>> rest = new TrackingReader(after.engine, viaJackson(stored)).poll();

            assertThat(rest).extracting(message -> ((Noted) message.getPayload()).text())
                    .isEqualTo(LongStream.range(120, 250).mapToObj(sequence -> "a#" + sequence).toList());
        }
    }

    @Test
    void aGapInTheStoredTokenIsDeliveredAfterTheRestartWhenItFills(TestMongoDatabase database) {
        TrackingToken stored;
        long gap;
        try (TestEngine before = TestEngine.open(database)) {
            before.engine.appendEvents(event("a", 0));
            gap = before.engine.reservePositions(1);
            before.engine.appendEvents(event("b", 0));
            TrackingReader reader = new TrackingReader(before.engine, null);
            assertThat(reader.poll()).hasSize(2);
            stored = reader.token();
            assertThat(((GapAwareTrackingToken) stored).getGaps()).containsExactly(gap);
        }

        try (TestEngine after = TestEngine.open(database)) {
            after.engine.storeAt(gap, List.of(event("late", 0)), SERIALIZER);
            after.engine.appendEvents(event("c", 0));
            TrackingReader reader = new TrackingReader(after.engine, viaJackson(stored));

            assertThat(reader.poll()).extracting(message -> ((Noted) message.getPayload()).text())
                    .containsExactly("late#0", "c#0");
            assertThat(reader.poll()).isEmpty();
        }
    }

    private static TrackingToken viaJackson(TrackingToken token) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(token, byte[].class);
        return SERIALIZER.deserialize(serialized);
    }
}
