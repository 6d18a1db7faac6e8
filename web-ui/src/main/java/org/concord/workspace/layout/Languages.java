package org.concord.workspace.layout;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The language of the pages, English or French: {@code ?lang=} when a link or the language switch gives
 * it (then kept in the {@code concord_lang} cookie for the next pages), else the cookie, else the
 * browser's {@code Accept-Language}, else English. A shared link shows each reader their own language.
 */
public final class Languages implements LocaleContextResolver {

    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);
    static final String PARAMETER = "lang";
    static final String COOKIE = "concord_lang";

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        return new SimpleLocaleContext(resolve(exchange));
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        throw new UnsupportedOperationException("The language is chosen with ?lang=");
    }

    static Locale resolve(ServerWebExchange exchange) {
        Locale chosen = supported(exchange.getRequest().getQueryParams().getFirst(PARAMETER));
        if (chosen != null) {
            return chosen;
        }
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        Locale remembered = cookie == null ? null : supported(cookie.getValue());
        if (remembered != null) {
            return remembered;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
        Locale best = Locale.lookup(ranges, SUPPORTED);
        return best == null ? Locale.ENGLISH : best;
    }

    /** Keeps a language chosen with {@code ?lang=} for the next pages. */
    static void remember(ServerWebExchange exchange) {
        Locale chosen = supported(exchange.getRequest().getQueryParams().getFirst(PARAMETER));
        if (chosen != null) {
            exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, chosen.getLanguage())
                    .path("/").maxAge(Duration.ofDays(365)).sameSite("Lax").httpOnly(true).build());
        }
    }

    private static Locale supported(String language) {
        if (language == null) {
            return null;
        }
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language.trim())).findFirst().orElse(null);
    }
}
