package org.concord.workspace.layout;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private static Formats formats(Locale locale) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/layout");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return new Formats(locale, messages);
    }

    @Test
    void a_time_is_written_in_the_language_of_the_page_and_says_it_is_utc() {
        Instant instant = Instant.parse("2026-12-04T09:05:00Z");
        assertThat(formats(Locale.ENGLISH).dateTime(instant)).isEqualTo("4 December 2026, 09:05 UTC");
        assertThat(formats(Locale.FRENCH).dateTime(instant)).isEqualTo("4 décembre 2026 à 09:05 UTC");
    }

    @Test
    void the_time_left_counts_days_and_hours_then_hours_and_minutes() {
        assertThat(formats(Locale.ENGLISH).timeLeft(NOW.plus(Duration.ofHours(51)), NOW)).isEqualTo("2 days and 3 hours left");
        assertThat(formats(Locale.ENGLISH).timeLeft(NOW.plus(Duration.ofHours(24)), NOW)).isEqualTo("1 day and 0 hours left");
        assertThat(formats(Locale.ENGLISH).timeLeft(NOW.plus(Duration.ofMinutes(61)), NOW)).isEqualTo("1 hour and 1 minute left");
        assertThat(formats(Locale.FRENCH).timeLeft(NOW.plus(Duration.ofHours(51)), NOW)).isEqualTo("encore 2 jours et 3 heures");
        assertThat(formats(Locale.FRENCH).timeLeft(NOW.plus(Duration.ofSeconds(20)), NOW)).isEqualTo("encore 1 minute");
    }

    @Test
    void a_deadline_that_has_come_is_passed() {
        assertThat(formats(Locale.ENGLISH).timeLeft(NOW, NOW)).isEqualTo("deadline passed");
        assertThat(formats(Locale.FRENCH).timeLeft(NOW.minusSeconds(1), NOW)).isEqualTo("échéance passée");
    }

    @Test
    void numbers_are_grouped_as_each_language_groups_them() {
        assertThat(formats(Locale.ENGLISH).number(1234567)).isEqualTo("1,234,567");
        assertThat(formats(Locale.FRENCH).number(1234567)).isEqualTo("1\u202f234\u202f567");
        assertThat(formats(Locale.FRENCH).percent(0.5)).isEqualTo("50\u00a0%");
        assertThat(formats(Locale.ENGLISH).percent(null)).isEqualTo("–");
    }
}
