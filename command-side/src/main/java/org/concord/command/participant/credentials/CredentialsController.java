package org.concord.command.participant.credentials;

import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Internal: the gateway asks here who a token hash belongs to. Never routed to the public; only a
 * caller the gateway signed as {@code GATEWAY} may ask.
 */
@RestController
class CredentialsController {

    private final CredentialsProjection credentials;

    CredentialsController(CredentialsProjection credentials) {
        this.credentials = credentials;
    }

    @GetMapping(path = "/internal/credentials/{tokenHash}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CallerIdentity> find(CallerIdentity caller, @PathVariable String tokenHash) {
        caller.requireAnyRole("GATEWAY");
        return Mono.fromCallable(() -> credentials.find(tokenHash))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("No valid credential has this hash.")));
    }
}
