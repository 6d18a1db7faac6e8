package org.concord.command.web;

import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** The callers of the controller tests, and the caller header the gateway would send for each. */
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

    private SignedCallers() {
    }

    /** The header naming {@code caller}, signed now with the shared secret. */
    public static String signed(CallerIdentity caller) {
        return new CallerIdentityCodec(SECRET, JSON, Clock.systemUTC()).encode(caller);
    }

    /** The header naming {@code caller}, signed with a secret the service does not share. */
    public static String forged(CallerIdentity caller) {
        return new CallerIdentityCodec("not-the-internal-secret", JSON, Clock.systemUTC()).encode(caller);
    }

    /** The header naming {@code caller}, signed with the shared secret longer ago than a header is accepted. */
    public static String stale(CallerIdentity caller) {
        return new CallerIdentityCodec(SECRET, JSON, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-3))).encode(caller);
    }
}
