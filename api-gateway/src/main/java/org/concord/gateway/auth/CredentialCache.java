package org.concord.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import org.concord.gateway.balancing.BalancedService;
import org.concord.web.identity.CallerHeaderSigning;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The participants' credentials the gateway has looked up, by token hash, so that a delegate's every request
 * does not cost a lookup on the command side (issue #17: it was the first cost of each request). A revocation
 * bites at once on the gateway that passed it on ({@link RevocationWebFilter}), and within a second on every
 * other gateway instance: twice a second each reads the command side's count
 * of revocations, which grows with each one, and forgets every credential it kept when the count changed. A
 * credential is kept only under the count read before it was looked up, and used only while the count is
 * trusted: read less than {@code trust-count-for} ago. Only valid credentials are kept: an unknown token is
 * asked about each time.
 */
@Component
@EnableConfigurationProperties(CredentialCacheProperties.class)
class CredentialCache {

    private static final Logger log = LoggerFactory.getLogger(CredentialCache.class);
    private static final long UNKNOWN = -1;

    private final CredentialCacheProperties properties;
    private final WebClient commandSide;
    private final Cache<String, Kept> kept;
    private volatile long revocations = UNKNOWN;
    /** Counts {@link #forgetAll}: a lookup begun before one is not kept. */
    private final AtomicLong forgotten = new AtomicLong();
    private volatile long countReadAt;
    private Disposable checking;

    /** A credential, and when it was looked up. */
    private record Kept(CallerIdentity identity, Stamp begun) {
    }

    /** When a lookup began: the count of revocations then, and how many times everything had been forgotten. */
    record Stamp(long revocations, long forgotten) {
    }

    CredentialCache(CredentialCacheProperties properties, CallerIdentityCodec codec, WebClient.Builder webClients,
                    LoadBalancedExchangeFilterFunction loadBalancer) {
        this.properties = properties;
        this.commandSide = webClients.clone().filter(loadBalancer).filter(CallerHeaderSigning.as(codec, TokenAuthenticator.GATEWAY))
                .baseUrl(BalancedService.CREDENTIALS.loadBalancedBaseUrl()).build();
        this.kept = Caffeine.newBuilder().maximumSize(properties.cacheSize())
                .expireAfterWrite(properties.enabled() ? properties.cacheFor() : Duration.ofNanos(1)).build();
    }

    @PostConstruct
    void startChecking() {
        if (!properties.enabled()) {
            return;
        }
        checking = Flux.interval(Duration.ZERO, properties.checkEvery())
                .onBackpressureDrop()
                .concatMap(tick -> readCount().onErrorResume(unread -> {
                    log.debug("The count of revoked credentials could not be read: {}", unread.toString());
                    return Mono.empty();
                }), 1)
                .subscribe(this::counted);
    }

    /** Stops at the first step of closing, before the HTTP resources are released: a check then would hold them up. */
    @EventListener(ContextClosedEvent.class)
    void stopChecking() {
        if (checking != null) {
            checking.dispose();
        }
    }

    /** When a lookup starting now begins; pass it to {@link #keep}. */
    Stamp stamp() {
        return new Stamp(trusted() ? revocations : UNKNOWN, forgotten.get());
    }

    /** The credential kept for this token hash, if any and still to be trusted. */
    Optional<CallerIdentity> find(String tokenHash) {
        if (!trusted()) {
            return Optional.empty();
        }
        Kept credential = kept.getIfPresent(tokenHash);
        // checked again here: a credential kept while everything was being forgotten is never used
        return credential != null && credential.begun().revocations() == revocations && credential.begun().forgotten() == forgotten.get()
                ? Optional.of(credential.identity()) : Optional.empty();
    }

    /** Keeps a credential looked up since {@code begun}, unless a revocation happened or everything was forgotten since. */
    void keep(String tokenHash, CallerIdentity identity, Stamp begun) {
        if (begun.revocations() != UNKNOWN && begun.revocations() == revocations && begun.forgotten() == forgotten.get() && trusted()) {
            kept.put(tokenHash, new Kept(identity, begun));
        }
    }

    /** Forgets every credential kept at once: this gateway has just passed a revocation on. */
    void forgetAll() {
        forgotten.incrementAndGet();
        kept.invalidateAll();
    }

    private boolean trusted() {
        return properties.enabled() && revocations != UNKNOWN
                && System.nanoTime() - countReadAt < properties.trustCountFor().toNanos();
    }

    private Mono<Long> readCount() {
        return commandSide.get().uri("/internal/credentials/revocations")
                .retrieve()
                .bodyToMono(Revocations.class)
                .map(Revocations::revoked)
                .timeout(properties.trustCountFor());
    }

    private void counted(long count) {
        if (count != revocations) {
            kept.invalidateAll();
            revocations = count;
        }
        countReadAt = System.nanoTime();
    }

    private record Revocations(long revoked) {
    }
}
