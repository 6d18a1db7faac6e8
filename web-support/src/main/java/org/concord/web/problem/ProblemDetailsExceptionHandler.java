package org.concord.web.problem;

import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.concord.web.json.InvalidTextException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Concord's one problem+json mapper (RFC 9457): every error a Concord service answers goes through
 * here, whether a controller threw it or the framework did. Nothing internal (class names, stack
 * traces, messages of unexpected exceptions) reaches the client; a 500 is logged as a defect, a 502, 503
 * or 504 (a service another one needs is down or slow) as a warning. Such an outage met by a change feed
 * (a GET that accepts {@code text/event-stream}) is answered so that an EventSource client reconnects.
 */
public class ProblemDetailsExceptionHandler implements ErrorWebExceptionHandler {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String TYPE_PREFIX = "urn:concord:problem:";
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsExceptionHandler.class);
    /** How long a change-feed client waits before it reconnects after an outage. */
    private static final Duration FEED_RETRY = Duration.ofSeconds(2);
    private static final ContextSnapshotFactory CONTEXT_SNAPSHOTS = ContextSnapshotFactory.builder().build();
    private static final Set<HttpStatus> UNAVAILABLE = Set.of(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE,
            HttpStatus.GATEWAY_TIMEOUT);

    private final JsonMapper jsonMapper;

    public ProblemDetailsExceptionHandler(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemException problem = toProblem(error);
        return Mono.deferContextual(context -> {
            // logged in the request's trace, restored from the Reactor context: its trace id is on the line
            try (ContextSnapshot.Scope ignored = CONTEXT_SNAPSHOTS.setThreadLocalsFrom(context)) {
                log(exchange, problem, error);
            }
            return write(exchange, problem);
        });
    }

    private static void log(ServerWebExchange exchange, ProblemException problem, Throwable error) {
        if (UNAVAILABLE.contains(problem.status())) {
            // another service is down or restarting: an outage to see in the log, not a defect's stack trace
            log.warn("{} {} failed: {} ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    problem.status().value(), error.toString());
        } else if (problem.status().is5xxServerError()) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        }
    }

    /** Writes a problem as the whole response; usable by filters that answer before any handler. */
    public Mono<Void> write(ServerWebExchange exchange, ProblemException problem) {
        if (UNAVAILABLE.contains(problem.status()) && asksForEventStream(exchange)) {
            return writeRetry(exchange, problem);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + problem.type());
        body.put("title", problem.status().getReasonPhrase());
        body.put("status", problem.status().value());
        body.put("detail", problem.getMessage());
        body.put("instance", exchange.getRequest().getPath().value());
        if (!problem.errors().isEmpty()) {
            body.put("errors", problem.errors());
        }
        byte[] bytes = jsonMapper.writeValueAsBytes(body);
        var response = exchange.getResponse();
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        if (problem.status() == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        // whole seconds, rounded up: a client that waits what it is told never comes back too early
        problem.retryAfter().ifPresent(wait -> response.getHeaders().set(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, wait.plusNanos(999_999_999).toSeconds()))));
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /**
     * An outage answered to a change feed: a standard EventSource client fails for good on any status but
     * 200 and never reconnects, so the outage is a 200 event stream that holds only a {@code retry:} field
     * and a comment saying why, and ends; the client reconnects after that delay, with its Last-Event-ID,
     * until the feed is back.
     */
    private static Mono<Void> writeRetry(ServerWebExchange exchange, ProblemException problem) {
        String reason = problem.getMessage().replaceAll("[\r\n]+", " ").strip();
        String body = "retry: " + FEED_RETRY.toMillis() + "\n: " + problem.status().value() + " " + reason
                + (reason.endsWith(".") ? "" : ".") + " Reconnect to resume.\n\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl(CacheControl.noStore());
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    private static boolean asksForEventStream(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        return HttpMethod.GET.equals(request.getMethod()) && request.getHeaders().getAccept().stream()
                .anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
    }

    static ProblemException toProblem(Throwable error) {
        if (error instanceof ProblemException problem) {
            return problem;
        }
        if (causedBy(error, DataBufferLimitException.class)) {
            return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                    "The request body is larger than this endpoint accepts.");
        }
        if (causedBy(error, MongoTimeoutException.class) || causedBy(error, MongoSocketException.class)
                || causedBy(error, MongoInterruptedException.class)) {
            // no MongoDB server to be found within the driver's server selection timeout, its connection lost, or
            // the wait for it given up (the request cancelled, as the gateway's revocation polls are while it is down)
            return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "Concord's database is not reachable; try again shortly"
                            + " (a write with the same Idempotency-Key is not carried out twice).");
        }
        if (connectionLost(error)) {
            return new ProblemException(HttpStatus.BAD_GATEWAY, "bad-gateway",
                    "A Concord service closed or reset the connection before answering; try again shortly"
                            + " (a write with the same Idempotency-Key is not carried out twice).");
        }
        if (causedBy(error, ConnectException.class)) {
            return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "A Concord service needed for this request is not reachable; try again shortly.");
        }
        if (causedBy(error, TimeoutException.class)) {
            return new ProblemException(HttpStatus.GATEWAY_TIMEOUT, "timeout",
                    "A Concord service did not answer in time; try again shortly.");
        }
        if (error instanceof WebExchangeBindException bind) {
            return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "The request is not valid.",
                    fieldProblems(bind.getBindingResult()));
        }
        if (error instanceof UnsupportedMediaTypeStatusException unsupported) {
            return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Send the body as " + describe(unsupported.getSupportedMediaTypes()) + ".");
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            return new ProblemException(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                    "This path does not take " + notAllowed.getHttpMethod() + "; it takes "
                            + notAllowed.getSupportedMethods() + ".");
        }
        if (error instanceof NotAcceptableStatusException notAcceptable) {
            return new ProblemException(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                    "This path answers " + describe(notAcceptable.getSupportedMediaTypes()) + ".");
        }
        if (error instanceof ServerWebInputException input) {
            return inputProblem(input);
        }
        if (error instanceof ResponseStatusException status) {
            return fromStatus(status.getStatusCode(), status.getReason());
        }
        return new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "The service failed to handle the request. This is a defect; it has been logged.");
    }

    /** A peer that closed or reset the connection before answering (netty's and the JDK's wording alike). */
    private static boolean connectionLost(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PrematureCloseException || cause instanceof IOException io
                    && io.getMessage() != null && io.getMessage().contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException inputProblem(ServerWebInputException input) {
        if (input instanceof MissingRequestValueException missing) {
            return ProblemException.invalid(missing.getName(), "is required");
        }
        if (input.getCause() instanceof TypeMismatchException mismatch && input.getMethodParameter() != null
                && mismatch.getRequiredType() != null) {
            return ProblemException.invalid(parameterName(input.getMethodParameter()), mismatch.getRequiredType().isEnum()
                    ? "must be one of " + Arrays.stream(mismatch.getRequiredType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "))
                    : "must be " + friendlyType(mismatch.getRequiredType()));
        }
        Throwable cause = input.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidTextException text) {
            return ProblemException.invalid(path(text), text.reason());
        }
        if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
            return ProblemException.invalid(path(invalid), "must be one of " + allowed);
        }
        if (cause instanceof InvalidFormatException invalid && !invalid.getPath().isEmpty() && invalid.getTargetType() != null) {
            return ProblemException.invalid(path(invalid), "must be " + friendlyType(invalid.getTargetType()));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String expected = mismatched.getTargetType() == null ? "another type"
                    : friendlyType(mismatched.getTargetType());
            return ProblemException.invalid(path(mismatched), "must be " + expected);
        }
        if (cause instanceof JacksonException) {
            return new ProblemException(HttpStatus.BAD_REQUEST, "malformed-body",
                    "The request body is not well-formed JSON.");
        }
        if (causedBy(input, DecodingException.class)) {
            return new ProblemException(HttpStatus.BAD_REQUEST, "malformed-body",
                    "The request body could not be read.");
        }
        String reason = input.getReason() == null ? "The request is not valid." : input.getReason();
        return new ProblemException(HttpStatus.BAD_REQUEST, "bad-request", reason);
    }

    /** The name a client gives a path variable or request parameter: the annotation's, else the Java parameter's. */
    private static String parameterName(MethodParameter parameter) {
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        // value and name are aliases, resolved only on a synthesized annotation
        String name = path != null ? firstGiven(path.name(), path.value()) : param != null ? firstGiven(param.name(), param.value()) : "";
        if (!name.isEmpty()) {
            return name;
        }
        name = parameter.getParameterName();
        return name == null ? "parameter " + parameter.getParameterIndex() : name;
    }

    private static String firstGiven(String name, String value) {
        return name.isEmpty() ? value : name;
    }

    private static ProblemException fromStatus(HttpStatusCode code, String reason) {
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == null) {
            status = code.is4xxClientError() ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status == HttpStatus.NOT_FOUND) {
            return ProblemException.notFound("There is nothing at this path.");
        }
        String detail = reason != null && !reason.isBlank() && status.is4xxClientError() ? reason : status.getReasonPhrase();
        String type = status.getReasonPhrase().toLowerCase().replace(' ', '-');
        return new ProblemException(status, type, detail);
    }

    private static List<FieldProblem> fieldProblems(BindingResult result) {
        List<FieldProblem> problems = new ArrayList<>();
        result.getFieldErrors().forEach(e -> problems.add(new FieldProblem(e.getField(), e.getDefaultMessage())));
        result.getGlobalErrors().forEach(e -> problems.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
        return problems;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String friendlyType(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 instant such as 2025-04-04T10:00:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String describe(List<MediaType> types) {
        return types.isEmpty() ? "application/json" : types.stream().map(MediaType::toString).collect(Collectors.joining(" or "));
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
