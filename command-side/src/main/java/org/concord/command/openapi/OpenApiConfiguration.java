package org.concord.command.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import org.concord.command.dispatch.NewIds;
import org.concord.web.openapi.ApiDocument;
import org.concord.web.openapi.NullableProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command side's OpenAPI document ({@code /v3/api-docs}, only {@code /api/**}): what every write
 * shares (bearer token, {@code Idempotency-Key}, problem+json errors) is added here once, from
 * {@link ApiDocument}, which the query side's document shares.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Map<String, String> ERRORS = new TreeMap<>(Map.of(
            "400", "Bad input; `errors` lists each wrong field",
            "401", "No token, or a bad or revoked one",
            "403", "The caller's roles do not allow this",
            "404", "Unknown id, or a consultation the caller may not see",
            "409", "Conflicts with the current state: wrong phase, stale base version, duplicate"));

    static {
        // the ids a request makes come from the server (see NewIds), never from the client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(NewIds.class);
    }

    @Bean
    OpenAPI commandSideOpenApi() {
        return ApiDocument.of("Concord commands", "Every write of Concord's public API. Served through the api-gateway.",
                "`Authorization: Bearer <token>`: a participant's token, or the administrator's",
                "3b1f9c2e-france-amendment-1", ERRORS);
    }

    /** Properties marked {@code @Nullable} are documented as such. */
    @Bean
    NullableProperties nullableProperties() {
        return new NullableProperties();
    }

    /** Every write needs a token, may carry an idempotency key, and may fail with a problem. */
    @Bean
    OpenApiCustomizer commandSideConventions() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
            operation.setSecurity(List.of(ApiDocument.bearer()));
            if (method == PathItem.HttpMethod.POST) {
                operation.addParametersItem(ApiDocument.parameter(ApiDocument.IDEMPOTENCY_KEY));
            }
            ApiDocument.addErrors(operation, ERRORS.keySet());
        }));
    }
}
