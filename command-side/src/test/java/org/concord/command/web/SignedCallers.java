package org.concord.command.web;

import org.concord.web.identity.CallerHeaderSigning;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.identity.SignedRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The callers of the controller tests, and the caller header the gateway would send for each. A test names the caller
 * with {@link #signed} (or {@link #forged}, {@link #stale}); the slice's web client ({@link #asTheGatewaySigns}) signs
 * the header for the very request it goes out with, as the gateway does.
 */
public final class SignedCallers {

    /** The internal secret the tests' service shares with its gateway: {@code concord.internal.secret}. */
    public static final String SECRET = "command-side-controller-tests";
    public static final CallerIdentity FRANCE = new CallerIdentity("p-fr", "France", "STATE", "FR", "Delegation of France",
            Set.of("PARTICIPANT"));
    public static final CallerIdentity DRAFTER = new CallerIdentity("d-1", "Secretariat", "INTERNATIONAL_ORGANISATION", null,
            "Secretariat", Set.of("DRAFTER"));
    public static final CallerIdentity OBSERVER = new CallerIdentity("o-1", "Press", "NGO", null, "Observer", Set.of("OBSERVER"));
    public static final CallerIdentity ADMIN = new CallerIdentity("admin", "Concord administration", null, null,
            "Bootstrap administrator", Set.of("ADMIN"));
    public static final CallerIdentity GATEWAY = new CallerIdentity("gateway", null, null, null, "Concord gateway", Set.of("GATEWAY"));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TO_BE_SIGNED = "to-be-signed-";
    private static final Map<String, Function<SignedRequest, String>> PENDING = new ConcurrentHashMap<>();

    private SignedCallers() {
    }

    /** The header naming {@code caller}, signed with the shared secret. */
    public static String signed(CallerIdentity caller) {
        return toBeSigned(new CallerIdentityCodec(SECRET, JSON, Clock.systemUTC()), caller);
    }

    /** The header naming {@code caller}, signed with a secret the service does not share. */
    public static String forged(CallerIdentity caller) {
        return toBeSigned(new CallerIdentityCodec("not-the-internal-secret", JSON, Clock.systemUTC()), caller);
    }

    /** The header naming {@code caller}, signed with the shared secret longer ago than a header is valid. */
    public static String stale(CallerIdentity caller) {
        return toBeSigned(new CallerIdentityCodec(SECRET, JSON, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-3))), caller);
    }

    /** For the slice's web client: replaces each header named above by its signature for the request it goes with. */
    public static ExchangeFilterFunction asTheGatewaySigns() {
        return (request, next) -> {
            String header = request.headers().getFirst(CallerIdentityCodec.HEADER);
            Function<SignedRequest, String> signer = header == null ? null : PENDING.remove(header);
            return signer == null ? next.exchange(request) : CallerHeaderSigning.with(signer).filter(request, next);
        };
    }

    private static String toBeSigned(CallerIdentityCodec codec, CallerIdentity caller) {
        String placeholder = TO_BE_SIGNED + UUID.randomUUID();
        PENDING.put(placeholder, request -> codec.encode(caller, request));
        return placeholder;
    }
}
