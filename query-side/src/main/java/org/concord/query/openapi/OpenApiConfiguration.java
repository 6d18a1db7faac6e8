package org.concord.query.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.openapi.NullableProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query side's OpenAPI document ({@code /v3/api-docs}, only {@code /api/**}): what every read
 * shares (an optional bearer token, read-your-writes, problem+json errors) is added here once.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerAuth";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    private static final String MIN_POSITION = "MinPosition";
    private static final String MIN_POSITION_HEADER = "MinPositionHeader";
    private static final String IDEMPOTENCY_KEY = "IdempotencyKey";
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

    static {
        // the caller comes from the gateway's signed header, never from the client's request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerIdentity.class);
    }

    @Bean
    OpenAPI querySideOpenApi() {
        String waits = "Wait, up to a few seconds, until the read models have processed this global event position "
                + "(the `position` of a write's answer); the answer says whether they had: `X-Concord-Caught-Up`";
        Components components = new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("`Authorization: Bearer <token>`; optional on reads of PUBLIC consultations"))
                .addSchemas(PROBLEM, problemSchema())
                .addParameters(MIN_POSITION, new QueryParameter().name("minPosition").required(false)
                        .description(waits).schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO).example(42)))
                .addParameters(MIN_POSITION_HEADER, new HeaderParameter().name("X-Concord-Min-Position").required(false)
                        .description(waits + "; the same as `?minPosition=`")
                        .schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO).example(42)))
                .addParameters(IDEMPOTENCY_KEY, new HeaderParameter().name("Idempotency-Key").required(false)
                        .description("A retry with the same key and body returns the first answer and records nothing new")
                        .schema(new StringSchema().example("replay-2025-04-04")));
        Map<String, String> errors = new TreeMap<>(ERRORS);
        errors.putAll(WRITE_ERRORS);
        errors.forEach((status, description) -> components.addResponses(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))))));
        return new OpenAPI()
                .info(new Info().title("Concord queries").version("v1")
                        .description("Every read of Concord's public API, and the rebuild of the read models. Served through the api-gateway."))
                // the service is reached only through the gateway, so "try it out" goes to the document's own origin
                .servers(List.of(new Server().url("/").description("the api-gateway")))
                .components(components);
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
                operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement()));
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + MIN_POSITION));
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + MIN_POSITION_HEADER));
                addErrors(operation, ERRORS);
                if (path.startsWith(ADMINISTRATION)) {
                    addErrors(operation, Map.of("403", WRITE_ERRORS.get("403")));
                }
            } else {
                operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + IDEMPOTENCY_KEY));
                addErrors(operation, ERRORS);
                addErrors(operation, WRITE_ERRORS);
            }
        }));
    }

    private static void addErrors(Operation operation, Map<String, String> errors) {
        errors.keySet().forEach(status -> {
            if (!operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + status));
            }
        });
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details, `application/problem+json`")
                .addProperty("type", new StringSchema().example("urn:concord:problem:validation"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("The request is not valid."))
                .addProperty("instance", new StringSchema().example("/api/consultations"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema().example("title"))
                        .addProperty("message", new StringSchema().example("must not be blank"))));
    }
}
