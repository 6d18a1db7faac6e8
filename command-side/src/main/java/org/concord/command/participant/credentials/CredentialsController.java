package org.concord.command.participant.credentials;

import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.HashSet;

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

    /**
     * How many credentials have been revoked: a number that only grows, and grows with every revocation. The
     * gateway reads it twice a second and forgets every credential it cached when it changes.
     */
    @GetMapping(path = "/internal/credentials/revocations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Revocations> revocations(CallerIdentity caller) {
        caller.requireAnyRole("GATEWAY");
        return Mono.fromCallable(() -> new Revocations(credentials.revoked())).subscribeOn(Schedulers.boundedElastic());
    }

    record Revocations(long revoked) {
    }

    @GetMapping(path = "/internal/credentials/{tokenHash}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CallerIdentity> find(CallerIdentity caller, @PathVariable String tokenHash) {
        caller.requireAnyRole("GATEWAY");
        return Mono.fromCallable(() -> credentials.find(tokenHash))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .map(found -> new CallerIdentity(found.participantId(), found.organisation(), found.stakeholderType(),
                        found.country(), found.displayName(), new HashSet<>(found.roles())))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("No valid credential has this hash.")));
    }
}
