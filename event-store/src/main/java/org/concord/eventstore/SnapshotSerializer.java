package org.concord.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The serializer of aggregate snapshots. Aggregates keep their state in private fields without
 * getters, so the snapshot reads and writes fields; the application's ObjectMapper alone would write
 * an empty object, and loading that snapshot would lose the aggregate's state.
 */
public final class SnapshotSerializer {

    private SnapshotSerializer() {
    }

    public static Serializer of(ObjectMapper applicationMapper) {
        ObjectMapper fields = applicationMapper.copy()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        return JacksonSerializer.builder().objectMapper(fields).build();
    }
}
