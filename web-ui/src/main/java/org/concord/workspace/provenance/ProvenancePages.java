package org.concord.workspace.provenance;

import org.concord.workspace.layout.Formats;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the provenance page from the API's answer in one pass over its spans: each span's style and
 * description, and the words counted per source for the key. Nothing is added to what the API says of an
 * author: a span the API gives without an organisation is shown as undisclosed.
 */
final class ProvenancePages {

    /** Where words came from, in the key's order. */
    enum Source {
        DRAFTERS, STATE, INTERNATIONAL_ORGANISATION, COMPANY, NGO, ACADEMIA, UNDISCLOSED;

        String styleClass() {
            return "src--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Source of(ApiProvenance.Span span, boolean drafters) {
            if (drafters) {
                return DRAFTERS;
            }
            if (span.stakeholderType() == null) {
                return UNDISCLOSED;
            }
            return switch (span.stakeholderType()) {
                case "STATE" -> STATE;
                case "INTERNATIONAL_ORGANISATION" -> INTERNATIONAL_ORGANISATION;
                case "COMPANY" -> COMPANY;
                case "NGO" -> NGO;
                case "ACADEMIA" -> ACADEMIA;
                default -> UNDISCLOSED;
            };
        }
    }

    private ProvenancePages() {
    }

    /**
     * @param proposers each amendment's proposing organisation: words of an amendment that the API gives to
     *                  another organisation are the drafters' modifications of it (accepted with modifications)
     */
    static ProvenancePage build(String consultationId, ApiProvenance.Provenance provenance, Map<String, String> proposers,
                                Formats formats) {
        String base = "/consultations/" + consultationId;
        Map<Source, Long> words = new EnumMap<>(Source.class);
        Map<String, String> stakeholderNames = new HashMap<>();
        List<ProvenancePage.Provision> provisions = new ArrayList<>(provenance.provisions().size());
        int tip = 0;
        for (ApiProvenance.Provision provision : provenance.provisions()) {
            List<ProvenancePage.Span> spans = new ArrayList<>(provision.spans().size());
            for (ApiProvenance.Span span : provision.spans()) {
                boolean modification = span.amendmentId() != null && proposers.containsKey(span.amendmentId())
                        && !Objects.equals(proposers.get(span.amendmentId()), span.organisation());
                Source source = Source.of(span, span.amendmentId() == null || modification);
                words.merge(source, (long) words(span.text()), Long::sum);
                String organisation = span.organisation() == null
                        ? formats.message("provenance.undisclosed") : span.organisation();
                String type = span.stakeholderType() == null ? formats.message("provenance.undisclosed")
                        : stakeholderNames.computeIfAbsent(span.stakeholderType(), code -> formats.message("stakeholder." + code));
                int version = span.version() == null ? 0 : span.version();
                String description;
                String href;
                if (modification) {
                    description = formats.message("provenance.tip.modification", organisation, type,
                            shortId(span.amendmentId()), version);
                    href = base + "/dispositions#a-" + span.amendmentId();
                } else if (span.amendmentId() == null) {
                    description = formats.message("provenance.tip.drafters", organisation, type, version);
                    href = base + "/versions/" + version;
                } else {
                    description = formats.message("provenance.tip.amendment", organisation, type,
                            shortId(span.amendmentId()), version);
                    href = base + "/dispositions#a-" + span.amendmentId();
                }
                spans.add(new ProvenancePage.Span(span.text(), source.styleClass(), href, "src-" + tip++, description));
            }
            provisions.add(new ProvenancePage.Provision("p-" + provision.provisionId(), provision.label(), spans));
        }
        long total = words.values().stream().mapToLong(Long::longValue).sum();
        List<ProvenancePage.LegendRow> legend = new ArrayList<>();
        for (Source source : Source.values()) {
            long count = words.getOrDefault(source, 0L);
            if (source == Source.UNDISCLOSED && count == 0) {
                continue;
            }
            String key = source.name().toLowerCase(Locale.ROOT);
            legend.add(new ProvenancePage.LegendRow(source.styleClass(),
                    formats.message("provenance.style." + key),
                    formats.message("provenance.source." + key),
                    formats.number(count),
                    formats.percent(total == 0 ? null : (double) count / total)));
        }
        return new ProvenancePage(formats.message("provenance.intro", provenance.version(), total),
                formats.message("provenance.text.heading", provenance.version()), legend,
                formats.number(total), provisions);
    }

    /** The first 8 characters of an id, as people quote it. */
    static String shortId(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }

    /** Words are runs without white space holding at least one letter or digit: punctuation alone is none. */
    static int words(String text) {
        int count = 0;
        boolean counted = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                counted = false;
                continue;
            }
            if (!counted && Character.isLetterOrDigit(c)) {
                count++;
                counted = true;
            }
        }
        return count;
    }
}
