package org.concord.web.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes and checks the header through which the gateway tells a service who the caller is:
 * {@code base64url(json) "." base64url(HMAC-SHA256(secret, json))}. The JSON binds the caller to one request
 * ({@link SignedRequest}: method, path and query, body digest), a random nonce and an expiry 30 s ahead. A client
 * cannot forge it without the internal secret; a header seen on the wire verifies on no other request, not after its
 * expiry, and not a second time on the same process: the nonces accepted are kept until their headers expire.
 */
public final class CallerIdentityCodec {

    public static final String HEADER = "X-Concord-Caller";
    /** How long a header is valid after it is signed. */
    public static final Duration LIFETIME = Duration.ofSeconds(30);
    /** How far a service's clock may run behind the gateway's. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    /**
     * The nonces kept: a header's nonce is forgotten once it expires, or, past this many accepted within one lifetime
     * (thousands of authenticated requests a second to one process), earlier.
     */
    private static final long MAX_NONCES = 200_000;
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final JsonMapper jsonMapper;
    private final Clock clock;
    private final Cache<String, Boolean> acceptedNonces;

    public CallerIdentityCodec(String secret, JsonMapper jsonMapper, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("concord.internal.secret (CONCORD_INTERNAL_SECRET) must be set, at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.jsonMapper = jsonMapper;
        this.clock = clock;
        this.acceptedNonces = Caffeine.newBuilder().expireAfterWrite(LIFETIME.plus(CLOCK_SKEW))
                .maximumSize(MAX_NONCES).build();
    }

    /** The header telling a service that {@code request} comes from {@code caller}. */
    public String encode(CallerIdentity caller, SignedRequest request) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        byte[] json = jsonMapper.writeValueAsBytes(new SignedCaller(caller, request.method(), request.target(),
                request.bodyDigest(), base64.encodeToString(nonce), clock.instant().plus(LIFETIME)));
        return base64.encodeToString(json) + "." + base64.encodeToString(sign(json));
    }

    /**
     * The caller named by a header for {@code request}, or empty when the header is malformed, unsigned, forged,
     * expired, signed for another request or already used. A header that verifies is used up.
     */
    public Optional<CallerIdentity> decode(String header, SignedRequest request) {
        int dot = header.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            byte[] json = base64.decode(header.substring(0, dot));
            byte[] signature = base64.decode(header.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(json), signature)) {
                return Optional.empty();
            }
            SignedCaller signed = jsonMapper.readValue(json, SignedCaller.class);
            if (signed.caller() == null || signed.nonce() == null || signed.expiresAt() == null || !current(signed.expiresAt())
                    || !request.equals(new SignedRequest(signed.method(), signed.target(), signed.bodyDigest()))) {
                return Optional.empty();
            }
            boolean firstUse = acceptedNonces.asMap().putIfAbsent(signed.nonce(), Boolean.TRUE) == null;
            return firstUse ? Optional.of(signed.caller()) : Optional.empty();
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }

    /** Not expired, and not valid for longer than a header the gateway signs, give or take the clocks' skew. */
    private boolean current(Instant expiresAt) {
        Instant now = clock.instant();
        return !now.isAfter(expiresAt) && !expiresAt.isAfter(now.plus(LIFETIME).plus(CLOCK_SKEW));
    }

    private byte[] sign(byte[] json) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(json);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private record SignedCaller(CallerIdentity caller, String method, String target, String bodyDigest, String nonce,
                                Instant expiresAt) {
    }
}
