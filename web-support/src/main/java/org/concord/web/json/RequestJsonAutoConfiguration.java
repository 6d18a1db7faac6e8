package org.concord.web.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.http.codec.CodecsAutoConfiguration;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.Jackson2JsonDecoder;

/**
 * How every Concord web service reads JSON request bodies: with the application's ObjectMapper, except
 * that a string which is not Unicode text is refused (400) instead of being stored altered. Only request
 * bodies: answers, and the events Axon reads back, use the application's ObjectMapper unchanged.
 */
@AutoConfiguration(after = CodecsAutoConfiguration.class)
public class RequestJsonAutoConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer unicodeTextRequestBodies(ObjectMapper objectMapper) {
        ObjectMapper requests = objectMapper.copy()
                .registerModule(new SimpleModule("concord-unicode-text").addDeserializer(String.class, new UnicodeTextDeserializer()));
        return codecs -> codecs.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(requests));
    }
}
