package org.concord.query.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** How a query controller test checks a refusal: problem+json with its type, title, status and detail (docs/api.md, Errors). */
public final class Problems {

    private Problems() {
    }

    /** Expects the problem+json answer {@code status}/{@code type} saying {@code detail}; hands over its body for more. */
    public static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec answer, HttpStatus status, String type,
                                                              String detail) {
        return answer.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:concord:problem:" + type)
                .jsonPath("$.title").isEqualTo(status.getReasonPhrase())
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.detail").isEqualTo(detail);
    }

    /** Expects the 404 of something that does not exist, or that the caller may not know exists. */
    public static WebTestClient.BodyContentSpec expectNotFound(WebTestClient.ResponseSpec answer, String detail) {
        return expectProblem(answer, HttpStatus.NOT_FOUND, "not-found", detail);
    }

    /** Expects the 400 naming one request parameter and what is wrong with it. */
    public static WebTestClient.BodyContentSpec expectInvalid(WebTestClient.ResponseSpec answer, String field, String message) {
        return expectProblem(answer, HttpStatus.BAD_REQUEST, "validation", "The request is not valid.")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").isEqualTo(message);
    }

    /** Expects the 401 of a caller without a token, with the challenge a client answers by sending one. */
    public static WebTestClient.BodyContentSpec expectUnauthenticated(WebTestClient.ResponseSpec answer, String detail) {
        return expectProblem(answer.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"),
                HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
    }

    /** Expects the 403 of a caller without any of {@code roles}. */
    public static WebTestClient.BodyContentSpec expectForbidden(WebTestClient.ResponseSpec answer, String roles) {
        return expectProblem(answer, HttpStatus.FORBIDDEN, "forbidden", "This needs one of the roles " + roles + ".");
    }
}
