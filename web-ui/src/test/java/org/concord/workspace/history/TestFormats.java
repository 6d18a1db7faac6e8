package org.concord.workspace.history;

import org.concord.workspace.layout.Formats;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

/** The pages' {@link Formats} over the real bundles, as application.yml configures them. */
final class TestFormats {

    private TestFormats() {
    }

    static Formats in(Locale locale) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/layout", "i18n/history");
        messages.setDefaultEncoding("UTF-8");
        messages.setAlwaysUseMessageFormat(true);
        messages.setFallbackToSystemLocale(false);
        return new Formats(locale, messages);
    }
}
