package org.concord.web.identity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.annotation.Nullable;
import org.concord.web.problem.ProblemException;

import java.util.Arrays;
import java.util.Set;

/**
 * Who is calling, as the gateway authenticated them. Services read it only from the gateway's signed
 * header, never from a request body. {@code stakeholderType} and {@code country} are null for the
 * bootstrap administrator.
 */
public record CallerIdentity(String participantId, String organisation, @Nullable String stakeholderType, @Nullable String country,
                             String displayName, Set<String> roles) {

    public static final CallerIdentity ANONYMOUS = new CallerIdentity(null, null, null, null, null, Set.of());

    public CallerIdentity {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    @JsonIgnore
    public boolean isAnonymous() {
        return participantId == null;
    }

    public boolean hasAnyRole(String... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }

    /** Stops the request with 401 for an anonymous caller and 403 for one without any of the roles. */
    public CallerIdentity requireAnyRole(String... wanted) {
        if (isAnonymous()) {
            throw ProblemException.unauthenticated("Send a token: Authorization: Bearer <token>.");
        }
        if (!hasAnyRole(wanted)) {
            throw ProblemException.forbidden("This needs one of the roles " + String.join(", ", wanted) + ".");
        }
        return this;
    }
}
