package org.concord.command.openapi;

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
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.concord.command.dispatch.NewIds;
import org.concord.web.identity.CallerIdentity;
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
 * shares (bearer token, {@code Idempotency-Key}, problem+json errors) is added here once.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearerAuth";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    private static final String IDEMPOTENCY_KEY = "IdempotencyKey";
    private static final Map<String, String> ERRORS = new TreeMap<>(Map.of(
            "400", "Bad input; `errors` lists each wrong field",
            "401", "No token, or a bad or revoked one",
            "403", "The caller's roles do not allow this",
            "404", "Unknown id, or a consultation the caller may not see",
            "409", "Conflicts with the current state: wrong phase, stale base version, duplicate"));

    static {
        // the caller comes from the gateway's signed header, never from the client's request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerIdentity.class);
        // the ids a request makes come from the server (see NewIds), never from the client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(NewIds.class);
    }

    @Bean
    OpenAPI commandSideOpenApi() {
        Components components = new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("`Authorization: Bearer <token>`: a participant's token, or the administrator's"))
                .addSchemas(PROBLEM, problemSchema())
                .addParameters(IDEMPOTENCY_KEY, new HeaderParameter().name("Idempotency-Key").required(false)
                        .description("A retry with the same key and body returns the first answer and records nothing new")
                        .schema(new StringSchema().example("3b1f9c2e-france-amendment-1")));
        ERRORS.forEach((status, description) -> components.addResponses(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))))));
        return new OpenAPI()
                .info(new Info().title("Concord commands").version("v1")
                        .description("Every write of Concord's public API. Served through the api-gateway."))
                // the service is reached only through the gateway, so "try it out" goes to the document's own origin
                .servers(List.of(new Server().url("/").description("the api-gateway")))
                .components(components);
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
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            if (method == PathItem.HttpMethod.POST) {
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + IDEMPOTENCY_KEY));
            }
            addErrors(operation);
        }));
    }

    private static void addErrors(Operation operation) {
        ERRORS.keySet().forEach(status -> {
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
