package org.concord.workspace.live;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders an update of the live panel as the HTML the page inserts: the {@code item} fragment of
 * {@code templates/live.html}, with every text escaped as in any page.
 */
@Component
class LiveFragments {

    private static final Set<String> ITEM = Set.of("item");

    private final ITemplateEngine templates;

    LiveFragments(ITemplateEngine templates) {
        this.templates = templates;
    }

    String render(LiveItem item, Locale locale) {
        return templates.process("live", ITEM, new Context(locale, Map.of("item", item))).strip();
    }
}
