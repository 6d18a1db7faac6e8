package org.concord.workspace.layout;

import org.concord.workspace.api.Caller;
import org.concord.workspace.log.LogWitness;
import org.concord.workspace.session.Sessions;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.util.Locale;

/** Gives every page its {@link Layout}, and its footer what the workspace verified of the record ({@link RecordFooter}). */
@ControllerAdvice
class LayoutAdvice {

    private final LogWitness witness;
    private final MessageSource messages;

    LayoutAdvice(LogWitness witness, MessageSource messages) {
        this.witness = witness;
        this.messages = messages;
    }

    @ModelAttribute("layout")
    Mono<Layout> layout(ServerWebExchange exchange) {
        return Sessions.caller(exchange).map(caller -> of(exchange, caller));
    }

    @ModelAttribute("record")
    Mono<RecordFooter> record(ServerWebExchange exchange) {
        Formats formats = new Formats(Languages.resolve(exchange), messages);
        return witness.latest().map(seen -> RecordFooter.of(seen, formats));
    }

    static Layout of(ServerWebExchange exchange, Caller caller) {
        Locale language = Languages.resolve(exchange);
        String here = here(exchange);
        return new Layout(language.getLanguage(), here,
                Languages.SUPPORTED.stream().map(locale -> new Layout.LanguageLink(locale.getLanguage(),
                        name(locale), in(exchange, locale), locale.equals(language))).toList(),
                caller.person());
    }

    /** The language's name as its speakers write it at the start of a line: "English", "Français". */
    private static String name(Locale locale) {
        String name = locale.getDisplayLanguage(locale);
        return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    private static String here(ServerWebExchange exchange) {
        String query = exchange.getRequest().getURI().getRawQuery();
        return exchange.getRequest().getPath().value() + (query == null ? "" : "?" + query);
    }

    private static String in(ServerWebExchange exchange, Locale locale) {
        return UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                .scheme(null).host(null).port(null)
                .replaceQueryParam(Languages.PARAMETER, locale.getLanguage())
                .build(true).toUriString();
    }
}
