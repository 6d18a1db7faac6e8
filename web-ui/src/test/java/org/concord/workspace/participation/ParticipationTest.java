package org.concord.workspace.participation;

import org.concord.workspace.layout.Formats;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ParticipationTest {

    private static Formats formats(Locale locale) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/layout", "i18n/participation");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return new Formats(locale, messages);
    }

    private static ApiParticipation.Counts counts(long comments, long amendments, long supports) {
        return new ApiParticipation.Counts(1, 1, amendments, 0, 0, 0, supports, comments, 0, null);
    }

    @Test
    void countriesAreNamedInThePagesLanguageAndSortedByTotalThenName() {
        Map<String, ApiParticipation.Counts> byCountry = new LinkedHashMap<>();
        byCountry.put("DE", counts(1, 0, 1));
        byCountry.put("FR", counts(3, 2, 9));
        byCountry.put("undisclosed", counts(6, 0, 0));
        byCountry.put("CI", counts(0, 0, 2));
        byCountry.put("unknown", counts(0, 0, 1));

        assertThat(Participation.byCountry(byCountry, formats(Locale.ENGLISH))).extracting(Participation.Named::name)
                .containsExactly("France", "Undisclosed (Chatham House)", "Côte d’Ivoire", "Germany", "Unknown");
        assertThat(Participation.byCountry(byCountry, formats(Locale.FRENCH))).extracting(Participation.Named::name)
                .containsExactly("France", "Non divulgué (Chatham House)", "Allemagne", "Côte d’Ivoire", "Inconnu");
    }

    @Test
    void aCodeJavaCannotReadIsShownAsWritten() {
        assertThat(Participation.countryName("<script>", formats(Locale.ENGLISH))).isEqualTo("<script>");
    }

    @Test
    void everyStakeholderTypeIsShownInOrderEvenWithoutActivity() {
        List<Participation.Named> types = Participation.byStakeholderType(
                Map.of("NGO", counts(2, 1, 0), "OTHER", counts(1, 0, 0)), formats(Locale.FRENCH));

        assertThat(types).extracting(Participation.Named::name)
                .containsExactly("État", "Organisation internationale", "Entreprise", "ONG", "Monde universitaire", "OTHER");
        assertThat(types.get(0).total()).isZero();
        assertThat(types.get(3).total()).isEqualTo(3);
    }

    @Test
    void thePageHasTheTotalsFormattedAndBothBreakdowns() {
        ApiParticipation.Statistics statistics = new ApiParticipation.Statistics(
                new ApiParticipation.Counts(1234, 40, 12, 8, 3, 1, 39, 20, 0, 0.7272),
                Map.of("STATE", counts(20, 12, 39)), Map.of("FR", counts(20, 12, 39)));

        ParticipationPage page = Participation.page(statistics, formats(Locale.ENGLISH));

        assertThat(page.active()).isTrue();
        assertThat(page.totals()).contains(new ParticipationPage.Total("Participants", "1,234"),
                new ParticipationPage.Total("Acceptance rate", "73%"));
        assertThat(page.breakdowns()).extracting(ParticipationPage.Breakdown::id).containsExactly("by-type", "by-country");
        assertThat(page.breakdowns().get(1).rows()).containsExactly(new ParticipationPage.TableRow("France", "1", "20", "12", "39"));
    }

    @Test
    void beforeAnyActivityThePageSaysSoAndHasNoCountryChart() {
        ApiParticipation.Statistics statistics = new ApiParticipation.Statistics(ApiParticipation.Counts.NONE, Map.of(), Map.of());

        ParticipationPage page = Participation.page(statistics, formats(Locale.FRENCH));

        assertThat(page.active()).isFalse();
        assertThat(page.totals()).contains(new ParticipationPage.Total("Taux d’acceptation", "–"));
        assertThat(page.breakdowns().get(1).chart()).isNull();
    }
}
