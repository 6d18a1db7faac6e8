package org.concord.workspace.api;

import java.util.List;

/**
 * The person signed in, as {@code GET /api/me} described them when they signed in: what the pages show
 * of them. Their token is not part of it.
 */
public record SignedIn(String participantId, String displayName, String organisation, String stakeholderType,
                       List<String> roles) {

    public SignedIn {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean drafter() {
        return roles.contains("DRAFTER");
    }
}
