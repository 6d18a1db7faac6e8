package org.concord.web.identity;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes and checks the header through which the gateway tells a service who the caller is:
 * {@code base64url(json) "." base64url(HMAC-SHA256(secret, json))}, with the time it was issued.
 * A client cannot forge it without the internal secret, and an old one is refused.
 */
public final class CallerIdentityCodec {

    public static final String HEADER = "X-Concord-Caller";
    private static final Duration MAX_AGE = Duration.ofMinutes(2);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final JsonMapper jsonMapper;
    private final Clock clock;

    public CallerIdentityCodec(String secret, JsonMapper jsonMapper, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("concord.internal.secret (CONCORD_INTERNAL_SECRET) must be set, at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.jsonMapper = jsonMapper;
        this.clock = clock;
    }

    public String encode(CallerIdentity caller) {
        byte[] json = jsonMapper.writeValueAsBytes(new SignedCaller(caller, clock.instant()));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(json) + "." + base64.encodeToString(sign(json));
    }

    /** The caller named by a header, or empty when the header is malformed, unsigned, forged or too old. */
    public Optional<CallerIdentity> decode(String header) {
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
            Duration age = Duration.between(signed.issuedAt(), clock.instant()).abs();
            return age.compareTo(MAX_AGE) > 0 ? Optional.empty() : Optional.of(signed.caller());
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
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

    private record SignedCaller(CallerIdentity caller, Instant issuedAt) {
    }
}
