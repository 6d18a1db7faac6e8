package org.concord.workspace.api;


/**
 * Who a page is made for: the person signed in (with the token the API knows them by), or an anonymous
 * visitor; and the browser's address, which the gateway counts its limits against. The token goes to the
 * gateway and nowhere else: no page model holds a {@code Caller}.
 *
 * @param person        the person signed in, or null
 * @param token         their bearer token, or null for an anonymous visitor
 * @param clientAddress the browser's address as the gateway saw it
 * @param minPosition   the position of the last write this browser made through the workspace, or null: every
 *                      read waits (briefly) until the read models reflect it, so the page after a form shows
 *                      what the form did
 */
public record Caller(SignedIn person, String token, String clientAddress, Long minPosition) {

    public static Caller anonymous(String clientAddress, Long minPosition) {
        return new Caller(null, null, clientAddress, minPosition);
    }

    public boolean signedIn() {
        return token != null;
    }

    @Override
    public String toString() {
        return "Caller[" + (person == null ? "anonymous" : person.participantId()) + " from " + clientAddress + "]";
    }
}
