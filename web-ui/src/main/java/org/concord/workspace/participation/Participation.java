package org.concord.workspace.participation;

import org.concord.workspace.layout.Formats;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the participation page's model from the API's statistics, in the page's language. */
final class Participation {

    /** The stakeholder types, in the order the page shows them (the shared {@code stakeholder.*} keys). */
    static final List<String> STAKEHOLDER_TYPES = List.of("STATE", "INTERNATIONAL_ORGANISATION", "COMPANY", "NGO", "ACADEMIA");
    /** The statistics' buckets that are no country: Chatham House comments, and participants without a country. */
    static final String UNDISCLOSED = "undisclosed";
    static final String UNKNOWN = "unknown";

    private Participation() {
    }

    static ParticipationPage page(ApiParticipation.Statistics statistics, Formats formats) {
        ApiParticipation.Counts total = statistics.total() == null ? ApiParticipation.Counts.NONE : statistics.total();
        List<ParticipationPage.Total> totals = List.of(
                new ParticipationPage.Total(formats.message("participation.total.participants"), formats.number(total.participants())),
                new ParticipationPage.Total(formats.message("participation.total.organisations"), formats.number(total.organisations())),
                new ParticipationPage.Total(formats.message("participation.total.comments"), formats.number(total.comments())),
                new ParticipationPage.Total(formats.message("participation.total.amendments"), formats.number(total.amendments())),
                new ParticipationPage.Total(formats.message("participation.total.accepted"), formats.number(total.accepted())),
                new ParticipationPage.Total(formats.message("participation.total.rejected"), formats.number(total.rejected())),
                new ParticipationPage.Total(formats.message("participation.total.withdrawn"), formats.number(total.withdrawn())),
                new ParticipationPage.Total(formats.message("participation.total.acceptanceRate"), formats.percent(total.acceptanceRate())),
                new ParticipationPage.Total(formats.message("participation.total.supports"), formats.number(total.supports())),
                new ParticipationPage.Total(formats.message("participation.total.endorsements"), formats.number(total.endorsements())));
        boolean active = total.comments() + total.amendments() + total.supports() > 0;
        List<ParticipationPage.Breakdown> breakdowns = List.of(
                breakdown("by-type", "type", byStakeholderType(statistics.byStakeholderType(), formats), formats),
                breakdown("by-country", "country", byCountry(statistics.byCountry(), formats), formats));
        return new ParticipationPage(totals, breakdowns, active);
    }

    /** Every stakeholder type in the page's order (zeros for those absent), then any type this page does not know. */
    static List<Named> byStakeholderType(Map<String, ApiParticipation.Counts> counts, Formats formats) {
        Map<String, ApiParticipation.Counts> all = new LinkedHashMap<>();
        STAKEHOLDER_TYPES.forEach(type -> all.put(type, ApiParticipation.Counts.NONE));
        if (counts != null) {
            all.putAll(counts);
        }
        List<Named> named = new ArrayList<>();
        all.forEach((type, value) -> named.add(new Named(
                STAKEHOLDER_TYPES.contains(type) ? formats.message("stakeholder." + type) : type, value)));
        return named;
    }

    /** Every country with its name in the page's language, by total (comments, amendments, supports) descending, then by name. */
    static List<Named> byCountry(Map<String, ApiParticipation.Counts> counts, Formats formats) {
        if (counts == null) {
            return List.of();
        }
        Collator collator = Collator.getInstance(formats.locale());
        return counts.entrySet().stream()
                .map(entry -> new Named(countryName(entry.getKey(), formats), entry.getValue()))
                .sorted(Comparator.comparingLong((Named named) -> named.total()).reversed()
                        .thenComparing(Named::name, collator))
                .toList();
    }

    /** An ISO 3166 code's name in the page's language; the code itself when Java does not know it. */
    static String countryName(String code, Formats formats) {
        if (UNDISCLOSED.equals(code)) {
            return formats.message("participation.country.undisclosed");
        }
        if (UNKNOWN.equals(code) || code == null || code.isBlank()) {
            return formats.message("participation.country.unknown");
        }
        try {
            Locale region = new Locale.Builder().setRegion(code).build();
            String name = region.getDisplayCountry(formats.locale());
            return name.isEmpty() ? code : name;
        } catch (IllformedLocaleException notACountry) {
            return code;
        }
    }

    private static ParticipationPage.Breakdown breakdown(String id, String by, List<Named> named, Formats formats) {
        List<BarChart.Measure> measures = List.of(
                new BarChart.Measure(formats.message("participation.measure.comments"), "comments"),
                new BarChart.Measure(formats.message("participation.measure.amendments"), "amendments"),
                new BarChart.Measure(formats.message("participation.measure.supports"), "supports"));
        BarChart chart = named.isEmpty() ? null : BarChart.of(measures, named.stream()
                .map(each -> new BarChart.Category(each.name(), each.counts().comments(), each.counts().amendments(), each.counts().supports()))
                .toList(), formats::number);
        List<ParticipationPage.TableRow> rows = named.stream().map(each -> new ParticipationPage.TableRow(each.name(),
                formats.number(each.counts().participants()), formats.number(each.counts().comments()),
                formats.number(each.counts().amendments()), formats.number(each.counts().supports()))).toList();
        return new ParticipationPage.Breakdown(id, formats.message("participation." + by + ".heading"),
                formats.message("participation." + by + ".chart"), formats.message("participation." + by + ".caption"),
                formats.message("participation." + by + ".column"), chart, rows);
    }

    /** A category's name in the page's language and its counts. */
    record Named(String name, ApiParticipation.Counts counts) {

        long total() {
            return counts.comments() + counts.amendments() + counts.supports();
        }
    }
}
