package org.concord.gateway.auth;

import org.concord.web.identity.CallerIdentity;

import java.util.Optional;

/**
 * Whose a token is, when the gateway knows it without asking the command side: the administrator's, or a
 * participant's credential it keeps ({@link CredentialCache}). The rate limits count a known token against its
 * participant, and any other against its address, since checking it will cost a lookup.
 */
public interface KnownTokens {

    Optional<CallerIdentity> withoutLookup(String token);
}
