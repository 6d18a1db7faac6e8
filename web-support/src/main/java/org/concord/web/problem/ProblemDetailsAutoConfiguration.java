package org.concord.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.web.reactive.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/** Makes {@link ProblemDetailsExceptionHandler} the error handler of every Concord web service. */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
public class ProblemDetailsAutoConfiguration {

    @Bean
    @Order(-2)
    public ProblemDetailsExceptionHandler problemDetailsExceptionHandler(ObjectMapper objectMapper) {
        return new ProblemDetailsExceptionHandler(objectMapper);
    }
}
