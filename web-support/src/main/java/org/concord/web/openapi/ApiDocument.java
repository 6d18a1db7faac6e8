package org.concord.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
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
import org.concord.web.identity.CallerIdentity;
import org.springdoc.core.utils.SpringDocUtils;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the command side's and the query side's OpenAPI documents share, written once: the bearer token,
 * the one problem+json schema and the error answers that use it, the {@code Idempotency-Key} header, and the
 * single server (the api-gateway). The gateway merges both documents into one, so both must say these alike.
 */
public final class ApiDocument {

    /** The security scheme of a bearer token. */
    public static final String BEARER = "bearerAuth";
    /** The schema of every error answer: RFC 9457 problem details. */
    public static final String PROBLEM = "Problem";
    /** The {@code Idempotency-Key} header parameter. */
    public static final String IDEMPOTENCY_KEY = "IdempotencyKey";

    static {
        // the caller comes from the gateway's signed header, never from the client's request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerIdentity.class);
    }

    private ApiDocument() {
    }

    /**
     * A service's document: its title and description, the bearer scheme described as given, the problem
     * schema, the {@code Idempotency-Key} header (its example as given), and one error answer per status of
     * {@code errors} (status → description), each a problem. The service adds its own parameters to the
     * components.
     */
    public static OpenAPI of(String title, String description, String bearerDescription, String idempotencyKeyExample,
                             Map<String, String> errors) {
        Components components = new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description(bearerDescription))
                .addSchemas(PROBLEM, problem())
                .addParameters(IDEMPOTENCY_KEY, new HeaderParameter().name("Idempotency-Key").required(false)
                        .description("A retry with the same key and body returns the first answer, without any credential it held "
                                + "(\"<field>Withheld\": true instead), and records nothing new")
                        .schema(new StringSchema().example(idempotencyKeyExample)));
        errors.forEach((status, text) -> components.addResponses(status, new ApiResponse().description(text)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
        return new OpenAPI()
                .info(new Info().title(title).version("v1").description(description))
                // the service is reached only through the gateway, so "try it out" goes to the document's own origin
                .servers(List.of(new Server().url("/").description("the api-gateway")))
                .components(components);
    }

    /** The requirement of a bearer token. */
    public static SecurityRequirement bearer() {
        return new SecurityRequirement().addList(BEARER);
    }

    /** A reference to a parameter of the document's components. */
    public static Parameter parameter(String name) {
        return new Parameter().$ref("#/components/parameters/" + name);
    }

    /** Adds to {@code operation} the document's error answer of each status it does not already describe. */
    public static void addErrors(Operation operation, Collection<String> statuses) {
        statuses.forEach(status -> {
            if (!operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + status));
            }
        });
    }

    private static Schema<?> problem() {
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
