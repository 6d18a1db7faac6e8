package org.concord.web.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** Makes {@link ProblemDetailsExceptionHandler} the error handler of every Concord web service. */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
public class ProblemDetailsAutoConfiguration {

    @Bean
    @Order(-2)
    public ProblemDetailsExceptionHandler problemDetailsExceptionHandler(JsonMapper jsonMapper) {
        return new ProblemDetailsExceptionHandler(jsonMapper);
    }
}
