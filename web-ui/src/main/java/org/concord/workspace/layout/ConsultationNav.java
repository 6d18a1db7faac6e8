package org.concord.workspace.layout;

import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The heading and tabs every page of one consultation shares, and where its live feed comes from.
 *
 * @param consultationId the consultation
 * @param title          its title, as written
 * @param status         its status, in the page's language
 * @param tabs           the consultation's pages, the current one marked
 * @param liveUrl        the workspace's relay of the consultation's change feed, from where the page stands
 *                       when {@link #withLivePosition} said it (else from when the panel connects)
 */
public record ConsultationNav(String consultationId, String title, String status, List<Tab> tabs, String liveUrl) {

    /** The consultation's pages, in this order: {@code current} is one of these names. */
    public static final List<String> PAGES = List.of("text", "history", "provenance", "timeline", "dispositions", "participation");

    public static ConsultationNav of(String consultationId, String title, String statusCode, String current, Formats formats) {
        String base = "/consultations/" + consultationId;
        List<Tab> tabs = PAGES.stream().map(page -> new Tab(page.equals("text") ? base : base + "/" + page,
                formats.message("tab." + page), page.equals(current))).toList();
        return new ConsultationNav(consultationId, title, formats.message("status." + statusCode), tabs, base + "/live");
    }

    /**
     * The same, with the live panel showing what happens after {@code position}: the {@code position} of the
     * consultation's answer ({@code GET /api/consultations/{id}}) the page was made from. Without it (or for a
     * null position, from an API that does not say it) the panel shows what happens after it connects.
     */
    public ConsultationNav withLivePosition(Long position) {
        String base = "/consultations/" + consultationId + "/live";
        return new ConsultationNav(consultationId, title, status, tabs, position == null || position < 0 ? base : base + "?after=" + position);
    }

    /**
     * The model attribute, link parameter and form field naming the provision whose page a link or a form is on, so
     * that what it leads to ends there again (support buttons, replies, comments on an amendment, a withdrawal).
     */
    public static final String FROM_PROVISION = "fromProvision";

    /**
     * The page a link or a form was on: the provision's page when {@code fromProvision} names one, else (null or
     * blank) the consultation's text page.
     */
    public static String pageFrom(String consultationId, String fromProvision) {
        return fromProvision == null || fromProvision.isBlank() ? "/consultations/" + consultationId
                : provisionHref(consultationId, fromProvision);
    }

    /** The address of one provision's page (its id one path segment): the provision, its amendments and comments. */
    public static String provisionHref(String consultationId, String provisionId) {
        return "/consultations/" + consultationId + "/provisions/" + UriUtils.encodePathSegment(provisionId, StandardCharsets.UTF_8);
    }

    public record Tab(String href, String label, boolean current) {
    }
}
