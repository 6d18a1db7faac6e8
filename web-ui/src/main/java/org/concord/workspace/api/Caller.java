package org.concord.workspace.api;

import org.concord.workspace.session.SignedIn;

/**
 * Who a page is made for: the person signed in (with the token the API knows them by), or an anonymous
 * visitor; and the browser's address, which the gateway counts its limits against. The token goes to the
 * gateway and nowhere else: no page model holds a {@code Caller}.
 *
 * @param person        the person signed in, or null
 * @param token         their bearer token, or null for an anonymous visitor
 * @param clientAddress the browser's address as the gateway saw it
 */
public record Caller(SignedIn person, String token, String clientAddress) {

    public static Caller anonymous(String clientAddress) {
        return new Caller(null, null, clientAddress);
    }

    public boolean signedIn() {
        return token != null;
    }

    @Override
    public String toString() {
        return "Caller[" + (person == null ? "anonymous" : person.participantId()) + " from " + clientAddress + "]";
    }
}
