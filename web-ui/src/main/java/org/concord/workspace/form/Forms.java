package org.concord.workspace.form;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Arrays;
import java.util.List;

/** What every form's handler does first: ask for a sign-in, refuse a person whose roles do not allow the form. */
public final class Forms {

    private Forms() {
    }

    /** To the sign-in page, coming back to this page (a GET) afterwards. */
    public static Rendering signInFirst(ServerWebExchange exchange) {
        String query = exchange.getRequest().getURI().getRawQuery();
        return signInFirst(exchange.getRequest().getPath().value() + (query == null ? "" : "?" + query));
    }

    /** To the sign-in page, coming back to {@code returnTo} (a path of this site) afterwards. */
    public static Rendering signInFirst(String returnTo) {
        return Rendering.redirectTo(UriComponentsBuilder.fromPath("/sign-in").queryParam("next", returnTo).encode().build().toUriString())
                .status(HttpStatus.SEE_OTHER).build();
    }

    /** Refuses (403, the error page) a signed-in person who holds none of {@code roles}. */
    public static void requireRole(Caller caller, String... roles) {
        List<String> allowed = Arrays.asList(roles);
        if (caller.person() == null || caller.person().roles().stream().noneMatch(allowed::contains)) {
            throw new ApiProblem(403, "forbidden", "Your roles do not allow this.", List.of(), null);
        }
    }

    /** A redirect after a write: 303, so that reloading the next page does not send the form again. */
    public static Rendering seeOther(String path) {
        return Rendering.redirectTo(path).status(HttpStatus.SEE_OTHER).build();
    }
}
