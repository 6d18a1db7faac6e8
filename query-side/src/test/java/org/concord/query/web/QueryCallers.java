package org.concord.query.web;

import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Set;

/** The readers of the query controller tests, and how a request carries the caller header the gateway signs for one. */
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

    private QueryCallers() {
    }

    /** {@code request} as the gateway forwards it for {@code caller}: with the caller header, signed now. */
    public static <S extends WebTestClient.RequestHeadersSpec<?>> S as(CallerIdentity caller, S request) {
        request.header(CallerIdentityCodec.HEADER, header(caller, SECRET));
        return request;
    }

    /** {@code request} with a caller header for {@code caller} that the gateway did not sign. */
    public static <S extends WebTestClient.RequestHeadersSpec<?>> S forgedAs(CallerIdentity caller, S request) {
        request.header(CallerIdentityCodec.HEADER, header(caller, "a-secret-the-query-side-does-not-share"));
        return request;
    }

    private static String header(CallerIdentity caller, String secret) {
        return new CallerIdentityCodec(secret, JsonMapper.builder().build(), Clock.systemUTC()).encode(caller);
    }
}
