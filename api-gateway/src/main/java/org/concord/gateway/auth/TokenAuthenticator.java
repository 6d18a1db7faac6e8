package org.concord.gateway.auth;

import org.concord.gateway.balancing.BalancedService;
import org.concord.web.identity.CallerHeaderSigning;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.identity.TokenHash;
import org.concord.web.problem.ProblemException;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.Set;

/**
 * Says who a bearer token belongs to: the bootstrap administrator, or a registered participant whose
 * credential the command side holds (looked up by the token's hash, and kept for a while by
 * {@link CredentialCache}, which forgets it within a second of any revocation). An unknown or revoked token
 * yields nothing. The lookups are balanced between the
 * command-side instances with a round-robin of their own ({@link BalancedService#CREDENTIALS}), and a
 * lookup that fails with an I/O error is tried on the next instance ({@code spring.cloud.loadbalancer.retry.*}):
 * it only reads, so repeating it is harmless.
 */
@Component
class TokenAuthenticator implements KnownTokens {

    static final CallerIdentity ADMINISTRATOR = new CallerIdentity("admin", "Concord administration", null, null,
            "Bootstrap administrator", Set.of("ADMIN"));
    static final CallerIdentity GATEWAY = new CallerIdentity("gateway", null, null, null,
            "Concord gateway", Set.of("GATEWAY"));

    private final AdminToken adminToken;
    private final WebClient commandSide;
    private final CredentialCache cache;

    TokenAuthenticator(AdminToken adminToken, CallerIdentityCodec codec, WebClient.Builder webClients,
                       LoadBalancedExchangeFilterFunction loadBalancer, CredentialCache cache) {
        this.adminToken = adminToken;
        this.cache = cache;
        this.commandSide = webClients.clone().filter(loadBalancer).filter(CallerHeaderSigning.as(codec, GATEWAY))
                .baseUrl(BalancedService.CREDENTIALS.loadBalancedBaseUrl()).build();
    }

    @Override
    public Optional<CallerIdentity> withoutLookup(String token) {
        return adminToken.matches(token) ? Optional.of(ADMINISTRATOR) : cache.find(TokenHash.of(token));
    }

    Mono<CallerIdentity> authenticate(String token) {
        Optional<CallerIdentity> known = withoutLookup(token);
        if (known.isPresent()) {
            return Mono.just(known.get());
        }
        String tokenHash = TokenHash.of(token);
        CredentialCache.Stamp begun = cache.stamp();
        return commandSide.get()
                .uri("/internal/credentials/{tokenHash}", tokenHash)
                .retrieve()
                .bodyToMono(CallerIdentity.class)
                .doOnNext(identity -> cache.keep(tokenHash, identity, begun))
                .onErrorResume(WebClientResponseException.class,
                        notFound -> notFound.getStatusCode() == HttpStatus.NOT_FOUND ? Mono.empty() : Mono.error(unavailable(notFound)))
                .onErrorMap(WebClientRequestException.class, TokenAuthenticator::unavailable);
    }

    /**
     * No command side could say whose the token is (none running, or every one failing): an outage the
     * client waits out, not a defect; nobody is let in meanwhile.
     */
    private static Throwable unavailable(Throwable cause) {
        if (cause instanceof WebClientResponseException response && !response.getStatusCode().is5xxServerError()) {
            return cause;
        }
        ProblemException problem = new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "Credentials cannot be checked right now: no command side answers; try again shortly.");
        problem.initCause(cause);
        return problem;
    }
}
