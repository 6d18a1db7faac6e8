package org.concord.workspace.signin;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.api.SignedIn;
import org.concord.workspace.layout.Formats;
import org.concord.workspace.session.Sessions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;

/**
 * Signing in with a participant's token, pasted once, and signing out. The token is checked with
 * {@code GET /api/me}; it is never put in a URL or a page, and the form does not send it back.
 */
@Controller
class SignInController {

    static final int MAX_TOKEN_LENGTH = 512;

    private final GatewayApi api;

    SignInController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping("/sign-in")
    Rendering form(@RequestParam(name = "next", required = false) String next) {
        return Rendering.view("sign-in").modelAttribute("form", SignInForm.empty(localPath(next))).build();
    }

    @PostMapping(path = "/sign-in")
    Mono<Rendering> signIn(ServerWebExchange exchange, Caller caller, Formats formats) {
        return exchange.getFormData().flatMap(form -> {
            String token = form.getFirst("token") == null ? "" : form.getFirst("token").strip();
            String next = localPath(form.getFirst("next"));
            if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || token.chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
                String problem = token.isEmpty() ? "signIn.error.empty" : "signIn.error.malformed";
                return Mono.just(refused(next, formats.message(problem), HttpStatus.BAD_REQUEST));
            }
            Caller candidate = new Caller(null, token, caller.clientAddress(), null);
            return api.get(candidate, uri -> uri.path("/api/me").build(), Me.class)
                    .flatMap(me -> Sessions.signIn(exchange, token, me.person())
                            .thenReturn(Rendering.redirectTo(next).status(HttpStatus.SEE_OTHER).build()))
                    .onErrorResume(ApiProblem.class, problem -> problem.status() == 401
                            ? Mono.just(refused(next, formats.message("signIn.error.unknown"), HttpStatus.UNAUTHORIZED))
                            : Mono.error(problem));
        });
    }

    @PostMapping("/sign-out")
    Mono<Rendering> signOut(ServerWebExchange exchange) {
        return Sessions.signOut(exchange).thenReturn(Rendering.redirectTo("/").status(HttpStatus.SEE_OTHER).build());
    }

    private static Rendering refused(String next, String message, HttpStatus status) {
        return Rendering.view("sign-in").modelAttribute("form", new SignInForm(next, message)).status(status).build();
    }

    /** Only a path of this site is a place to return to: never another site, so no open redirect. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 2000 || next.chars().anyMatch(c -> c < 0x21 || c == 0x7F)) {
            return "/";
        }
        try {
            URI uri = URI.create(next);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? next : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    /** The sign-in form: where to return after it, and what was wrong with the token sent (or null). */
    record SignInForm(String next, String error) {

        static SignInForm empty(String next) {
            return new SignInForm(next, null);
        }
    }

    /** {@code GET /api/me}. */
    record Me(String participantId, String organisation, String stakeholderType, String country, String displayName,
              List<String> roles) {

        SignedIn person() {
            return new SignedIn(participantId, displayName, organisation, stakeholderType, roles);
        }
    }
}
