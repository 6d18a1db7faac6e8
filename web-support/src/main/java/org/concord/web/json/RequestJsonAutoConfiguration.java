package org.concord.web.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * How every Concord web service reads JSON request bodies: with the application's JsonMapper, except
 * that a string which is not Unicode text is refused (400) instead of being stored altered. Only request
 * bodies: answers use the application's JsonMapper unchanged (events are Axon's, in Jackson 2: docs/architecture.md).
 */
@AutoConfiguration(after = CodecsAutoConfiguration.class)
public class RequestJsonAutoConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer unicodeTextRequestBodies(JsonMapper jsonMapper) {
        JsonMapper requests = jsonMapper.rebuild()
                .addModule(new SimpleModule("concord-unicode-text").addDeserializer(String.class, new UnicodeTextDeserializer()))
                .build();
        return codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(requests));
    }
}
