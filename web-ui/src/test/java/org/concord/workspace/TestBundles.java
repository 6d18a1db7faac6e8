package org.concord.workspace;

import org.concord.workspace.layout.Formats;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.Locale;

/** The page models' {@link Formats} over the workspace's real bundles, set up as application.yml sets them up. */
public final class TestBundles {

    private TestBundles() {
    }

    /** Formats in {@code locale} over the frame's and the forms' bundles and the {@code features}' own. */
    public static Formats formats(Locale locale, String... features) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/layout", "i18n/forms");
        for (String feature : features) {
            messages.addBasenames("i18n/" + feature);
        }
        messages.setDefaultEncoding("UTF-8");
        messages.setAlwaysUseMessageFormat(true);
        messages.setFallbackToSystemLocale(false);
        return new Formats(locale, messages);
    }
}
