package org.concord.query.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.concord.web.openapi.ApiDocument;
import org.concord.web.openapi.NullableProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query side's OpenAPI document ({@code /v3/api-docs}, only {@code /api/**}): what every read
 * shares (an optional bearer token, read-your-writes, problem+json errors) is added here once; what it
 * shares with the command side's document comes from {@link ApiDocument}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String MIN_POSITION = "MinPosition";
    private static final String MIN_POSITION_HEADER = "MinPositionHeader";
    /** Reads under this path are for administrators only, and refuse others with 403. */
    private static final String ADMINISTRATION = "/api/admin/";
    private static final Map<String, String> ERRORS = new TreeMap<>(Map.of(
            "400", "Bad input; `errors` lists each wrong field",
            "401", "No token, or a bad or revoked one",
            "404", "Unknown id, or a consultation the caller may not see"));
    /** The query side's few writes (the rebuild of the read models) may also answer these. */
    private static final Map<String, String> WRITE_ERRORS = new TreeMap<>(Map.of(
            "403", "The caller's roles do not allow this",
            "409", "Conflicts with the current state, e.g. a rebuild already running"));

    @Bean
    OpenAPI querySideOpenApi() {
        String waits = "Wait, up to a few seconds, until the read models have processed this global event position "
                + "(the `position` of a write's answer); the answer says whether they had: `X-Concord-Caught-Up`";
        Map<String, String> errors = new TreeMap<>(ERRORS);
        errors.putAll(WRITE_ERRORS);
        OpenAPI document = ApiDocument.of("Concord queries",
                "Every read of Concord's public API, and the rebuild of the read models. Served through the api-gateway.",
                "`Authorization: Bearer <token>`; optional on reads of PUBLIC consultations", "replay-2025-04-04", errors);
        document.getComponents()
                .addParameters(MIN_POSITION, new QueryParameter().name("minPosition").required(false)
                        .description(waits).schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO).example(42)))
                .addParameters(MIN_POSITION_HEADER, new HeaderParameter().name("X-Concord-Min-Position").required(false)
                        .description(waits + "; the same as `?minPosition=`")
                        .schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO).example(42)));
        return document;
    }

    /** Properties marked {@code @Nullable} are documented as such. */
    @Bean
    NullableProperties nullableProperties() {
        return new NullableProperties();
    }

    /**
     * Every read takes an optional token and read-your-writes; every write needs a token and may carry
     * an idempotency key; both may fail with a problem, and an administrator's read with a 403.
     */
    @Bean
    OpenApiCustomizer querySideConventions() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (method == PathItem.HttpMethod.GET) {
                // the empty requirement: anonymous callers may read what is PUBLIC
                operation.setSecurity(List.of(ApiDocument.bearer(), new SecurityRequirement()));
                operation.addParametersItem(ApiDocument.parameter(MIN_POSITION));
                operation.addParametersItem(ApiDocument.parameter(MIN_POSITION_HEADER));
                ApiDocument.addErrors(operation, ERRORS.keySet());
                if (path.startsWith(ADMINISTRATION)) {
                    ApiDocument.addErrors(operation, List.of("403"));
                }
            } else {
                operation.setSecurity(List.of(ApiDocument.bearer()));
                operation.addParametersItem(ApiDocument.parameter(ApiDocument.IDEMPOTENCY_KEY));
                ApiDocument.addErrors(operation, ERRORS.keySet());
                ApiDocument.addErrors(operation, WRITE_ERRORS.keySet());
            }
        }));
    }
}
