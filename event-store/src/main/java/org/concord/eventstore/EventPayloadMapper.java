package org.concord.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * The Jackson 2 mapper that writes and reads every stored event, snapshot and token. Its settings are the
 * stored form: they are those of the mapper Spring Boot 3 configured, which wrote every event stored
 * before Concord moved to Spring Boot 4 (dates and durations as ISO-8601 text, unknown properties
 * ignored). The web layer uses Jackson 3; the stored form does not follow it (docs/architecture.md), and
 * StoredDataCompatibilityIT fails if it changes.
 */
public final class EventPayloadMapper {

    private EventPayloadMapper() {
    }

    public static ObjectMapper create() {
        return JsonMapper.builder()
                .addModules(new Jdk8Module(), new JavaTimeModule(), new ParameterNamesModule())
                .disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }
}
