package org.concord.gateway.openapi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The gateway's own endpoint of the API reference: the merged document. The services' documents are
 * proxied by routes, and springdoc's swagger-ui shows them at {@code /swagger-ui.html}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    RouterFunction<ServerResponse> mergedApiDocsRoute(MergedApiDocs mergedApiDocs) {
        return RouterFunctions.route().GET(MergedApiDocs.PATH, mergedApiDocs::handle).build();
    }
}
