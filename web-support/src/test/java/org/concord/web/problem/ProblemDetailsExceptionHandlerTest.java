package org.concord.web.problem;

import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What a service behind the gateway going away mid-request looks like to the client. */
class ProblemDetailsExceptionHandlerTest {

    private final ProblemDetailsExceptionHandler handler = new ProblemDetailsExceptionHandler(new JsonMapper());

    @Test
    void a_service_that_closes_the_connection_before_answering_is_a_502_not_a_defect() {
        MockServerWebExchange exchange = handle(new WebClientRequestException(PrematureCloseException.TEST_EXCEPTION,
                HttpMethod.POST, URI.create("http://127.0.0.1:8081/api/consultations"), new HttpHeaders()));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("urn:concord:problem:bad-gateway")
                .doesNotContain("PrematureClose");
    }

    @Test
    void a_service_that_resets_the_connection_is_a_502() {
        MockServerWebExchange exchange = handle(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
    }

    @Test
    void a_service_that_refuses_the_connection_is_a_503() {
        MockServerWebExchange exchange = handle(new WebClientRequestException(new ConnectException("Connection refused"),
                HttpMethod.POST, URI.create("http://127.0.0.1:8081/api/consultations"), new HttpHeaders()));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    /** The driver's own exceptions when the database is down (the embedded MongoDB killed, a replica set with no member up). */
    @Test
    void a_database_that_cannot_be_reached_is_a_503_not_a_defect() {
        MockServerWebExchange timedOut = handle(new IllegalStateException("command failed", new MongoTimeoutException(
                "Timed out while waiting for a server that matches ReadPreferenceServerSelector{readPreference=primary}")));
        assertThat(timedOut.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(timedOut.getResponse().getBodyAsString().block()).contains("urn:concord:problem:service-unavailable")
                .contains("database is not reachable").doesNotContain("ReadPreference");

        MockServerWebExchange lost = handle(new MongoSocketReadException("Prematurely reached end of stream",
                new ServerAddress("127.0.0.1", 27017)));
        assertThat(lost.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        MockServerWebExchange givenUp = handle(new MongoInterruptedException("Interrupted waiting for lock", null));
        assertThat(givenUp.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void a_refusal_that_names_when_to_try_again_says_it_in_whole_seconds_rounded_up() {
        MockServerWebExchange exchange = handle(ProblemException.tooManyRequests("too-many-waits", "Wait.", Duration.ofMillis(1_200)));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(handle(ProblemException.tooManyRequests("too-many-waits", "Wait.", Duration.ZERO))
                .getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).as("never 0: that invites a retry at once").isEqualTo("1");
        assertThat(handle(ProblemException.conflict("Taken.")).getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }

    private MockServerWebExchange handle(Throwable error) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/consultations"));
        handler.handle(exchange, error).block();
        return exchange;
    }
}
