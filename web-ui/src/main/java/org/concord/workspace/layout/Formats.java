package org.concord.workspace.layout;

import org.springframework.context.MessageSource;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates, times, numbers and messages in the page's language, for the page models: the templates show
 * what these give and format nothing themselves. Every time is shown in UTC and says so.
 */
public final class Formats {

    private final Locale locale;
    private final MessageSource messages;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;
    private final DateTimeFormatter seconds;

    public Formats(Locale locale, MessageSource messages) {
        this.locale = locale;
        this.messages = messages;
        // English as the process writes it, day first ("4 December 2026"), not as the United States do
        Locale dates = locale.getLanguage().equals("en") ? Locale.UK : locale;
        this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(dates).withZone(ZoneOffset.UTC);
        this.time = DateTimeFormatter.ofPattern("HH:mm", locale).withZone(ZoneOffset.UTC);
        this.seconds = DateTimeFormatter.ofPattern("HH:mm:ss", locale).withZone(ZoneOffset.UTC);
    }

    public Locale locale() {
        return locale;
    }

    /** The message {@code code} of the page's language. */
    public String message(String code, Object... arguments) {
        return messages.getMessage(code, arguments, locale);
    }

    /** "4 December 2026, 10:00 UTC", "4 décembre 2026 à 10:00 UTC"; empty for no instant. */
    public String dateTime(Instant instant) {
        return instant == null ? "" : message("format.dateTime", date.format(instant), time.format(instant));
    }

    /**
     * The instant as read in {@code zone}, for what was set in a time zone of its own (a silence procedure's deadline):
     * "20 December 2026, 18:00 Europe/Paris"; the UTC form when the zone is unknown.
     */
    public String dateTimeIn(Instant instant, String zone) {
        if (instant == null) {
            return "";
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (RuntimeException unknown) {
            return dateTime(instant);
        }
        return message("format.dateTimeIn", date.withZone(zoneId).format(instant), time.withZone(zoneId).format(instant),
                zoneId.getId());
    }

    /** The same to the second, where several moments fall in one minute: "4 December 2026, 10:00:07 UTC". */
    public String dateTimeToTheSecond(Instant instant) {
        return instant == null ? "" : message("format.dateTime", date.format(instant), seconds.format(instant));
    }

    /** The instant as a {@code <time datetime>} attribute: ISO-8601 in UTC. */
    public String machine(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    public String number(long value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** A rate between 0 and 1 as a percentage; "–" when there is none. */
    public String percent(Double rate) {
        if (rate == null) {
            return "–";
        }
        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMaximumFractionDigits(0);
        return percent.format(rate);
    }

    /** How long is left until {@code deadline}: "2 days and 3 hours left"; "deadline passed" once it has. */
    public String timeLeft(Instant deadline, Instant now) {
        Duration left = Duration.between(now, deadline);
        if (left.isNegative() || left.isZero()) {
            return message("format.deadlinePassed");
        }
        long days = left.toDays();
        long hours = left.toHoursPart();
        long minutes = left.toMinutesPart();
        if (days > 0) {
            return message("format.leftDaysHours", days, hours);
        }
        if (hours > 0) {
            return message("format.leftHoursMinutes", hours, minutes);
        }
        return message("format.leftMinutes", Math.max(1, minutes));
    }
}
