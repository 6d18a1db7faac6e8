package org.concord.web.identity;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * What a caller header is bound to: the request's method, its target (the path and query as sent, still
 * percent-encoded) and the SHA-256 of its body. A header signed for one request does not verify on another.
 */
public record SignedRequest(String method, String target, String bodyDigest) {

    private static final byte[] NO_BODY = new byte[0];

    public static SignedRequest of(String method, URI uri, byte[] body) {
        String query = uri.getRawQuery();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new SignedRequest(method.toUpperCase(Locale.ROOT), query == null ? path : path + "?" + query, digest(body));
    }

    public static SignedRequest withoutBody(String method, URI uri) {
        return of(method, uri, NO_BODY);
    }

    private static String digest(byte[] body) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
