package org.concord.query.web;

import org.concord.web.identity.CallerHeaderSigning;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.identity.SignedRequest;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The readers of the query controller tests, and how a request carries the caller header the gateway signs for one:
 * the slice's web client ({@link #asTheGatewaySigns}) signs it for the very request it goes out with.
 */
public final class QueryCallers {

    /** {@code concord.internal.secret} of the tests' query side and its gateway. */
    public static final String SECRET = "query-side-controller-tests";
    public static final CallerIdentity DELEGATE = new CallerIdentity("p-de", "Germany", "STATE", "DE", "Delegation of Germany",
            Set.of("PARTICIPANT"));
    public static final CallerIdentity SECRETARIAT = new CallerIdentity("d-1", "Secretariat", "INTERNATIONAL_ORGANISATION", null,
            "Secretariat", Set.of("DRAFTER"));
    public static final CallerIdentity PRESS = new CallerIdentity("o-1", "Press", "NGO", null, "Observer", Set.of("OBSERVER"));
    public static final CallerIdentity ADMINISTRATOR = new CallerIdentity("admin", "Concord administration", null, null,
            "Bootstrap administrator", Set.of("ADMIN"));

    private static final Map<String, Function<SignedRequest, String>> PENDING = new ConcurrentHashMap<>();

    private QueryCallers() {
    }

    /** {@code request} as the gateway forwards it for {@code caller}: with the caller header, signed for it. */
    public static <S extends WebTestClient.RequestHeadersSpec<?>> S as(CallerIdentity caller, S request) {
        request.header(CallerIdentityCodec.HEADER, toBeSigned(caller, SECRET));
        return request;
    }

    /** {@code request} with a caller header for {@code caller} that the gateway did not sign. */
    public static <S extends WebTestClient.RequestHeadersSpec<?>> S forgedAs(CallerIdentity caller, S request) {
        request.header(CallerIdentityCodec.HEADER, toBeSigned(caller, "a-secret-the-query-side-does-not-share"));
        return request;
    }

    /** For the slice's web client: replaces each header named above by its signature for the request it goes with. */
    public static ExchangeFilterFunction asTheGatewaySigns() {
        return (request, next) -> {
            String header = request.headers().getFirst(CallerIdentityCodec.HEADER);
            Function<SignedRequest, String> signer = header == null ? null : PENDING.remove(header);
            return signer == null ? next.exchange(request) : CallerHeaderSigning.with(signer).filter(request, next);
        };
    }

    private static String toBeSigned(CallerIdentity caller, String secret) {
        CallerIdentityCodec codec = new CallerIdentityCodec(secret, JsonMapper.builder().build(), Clock.systemUTC());
        String placeholder = "to-be-signed-" + UUID.randomUUID();
        PENDING.put(placeholder, request -> codec.encode(caller, request));
        return placeholder;
    }
}
