package org.concord.command.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** How a controller test reads a problem+json answer (docs/api.md, Errors). */
public final class ProblemAnswers {

    private ProblemAnswers() {
    }

    /** Expects a problem+json answer of this status and type, and hands over its body for more. */
    public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, HttpStatus status, String type) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:concord:problem:" + type)
                .jsonPath("$.status").isEqualTo(status.value());
    }

    /** Expects a 400 naming one wrong field, and hands over its body for more. */
    public static WebTestClient.BodyContentSpec expectInvalidField(WebTestClient.ResponseSpec response, String field) {
        return expectProblem(response, HttpStatus.BAD_REQUEST, "validation")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    /** Expects the 401 of a caller the gateway did not vouch for, with the challenge a client answers with a token. */
    public static WebTestClient.BodyContentSpec expectUnauthenticated(WebTestClient.ResponseSpec response) {
        return expectProblem(response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"),
                HttpStatus.UNAUTHORIZED, "unauthenticated");
    }
}
