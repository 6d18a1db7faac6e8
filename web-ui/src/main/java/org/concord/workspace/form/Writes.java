package org.concord.workspace.form;

import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.api.Written;
import org.concord.workspace.session.ReadYourWrites;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.function.Function;

/**
 * A form's write to the API: sent once per form key ({@link FormKey}), and remembered
 * ({@link ReadYourWrites}) so that the next page shows it.
 */
@Component
public class Writes {

    private final GatewayApi api;

    Writes(GatewayApi api) {
        this.api = api;
    }

    /** {@code POST}s {@code body} (JSON; none when null) for the form of key {@code formKey}. */
    public Mono<Written> post(ServerWebExchange exchange, Caller caller, Function<UriBuilder, URI> uri, Object body, String formKey) {
        return api.post(caller, uri, body, FormKey.idempotencyKey(formKey)).doOnNext(written -> remember(exchange, written));
    }

    /** {@code DELETE}s (the one write that takes no key: it is safe to repeat). */
    public Mono<Written> delete(ServerWebExchange exchange, Caller caller, Function<UriBuilder, URI> uri) {
        return api.delete(caller, uri).doOnNext(written -> remember(exchange, written));
    }

    private static void remember(ServerWebExchange exchange, Written written) {
        if (written.position() != null) {
            ReadYourWrites.written(exchange, written.position());
        }
    }
}
