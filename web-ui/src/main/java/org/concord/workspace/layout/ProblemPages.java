package org.concord.workspace.layout;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.session.Sessions;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Turns what the API refused, and requests the workspace cannot read, into a page with the same status
 * and an explanation in the page's language. A 401 of the API means the person's token was revoked
 * since they signed in: they are signed out, and told.
 */
@ControllerAdvice
class ProblemPages {

    private final MessageSource messages;

    ProblemPages(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ApiProblem.class)
    Mono<Rendering> apiProblem(ApiProblem problem, ServerWebExchange exchange) {
        Mono<Void> first = problem.status() == 401 ? Sessions.signOut(exchange) : Mono.empty();
        String kind = switch (problem.status()) {
            case 401 -> "signedOut";
            case 403 -> "forbidden";
            case 404 -> "notFound";
            case 429 -> "tooMany";
            case 400 -> "badRequest";
            default -> problem.status() >= 500 ? "unavailable" : "refused";
        };
        if (problem.retryAfterSeconds() != null) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
        }
        int status = problem.status() >= 500 ? 503 : problem.status();
        return first.then(page(exchange, status, kind, problem.retryAfterSeconds()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    Mono<Rendering> unreadable(ResponseStatusException exception, ServerWebExchange exchange) {
        int status = exception.getStatusCode().value();
        return page(exchange, status, status == 404 ? "notFound" : status < 500 ? "badRequest" : "unavailable", null);
    }

    private Mono<Rendering> page(ServerWebExchange exchange, int status, String kind, Integer retryAfter) {
        Formats formats = new Formats(Languages.resolve(exchange), messages);
        ErrorPage page = new ErrorPage(status, formats.message("error." + kind + ".title"),
                retryAfter == null ? formats.message("error." + kind + ".explanation")
                        : formats.message("error." + kind + ".explanation", retryAfter),
                retryAfter);
        return Sessions.caller(exchange).map(caller -> Rendering.view("error")
                .modelAttribute("page", page)
                .modelAttribute("layout", LayoutAdvice.of(exchange, caller))
                .status(HttpStatus.valueOf(status))
                .build());
    }
}
