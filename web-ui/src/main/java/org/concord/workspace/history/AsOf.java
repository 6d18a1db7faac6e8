package org.concord.workspace.history;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The instant of "the text at a date and time": what a {@code datetime-local} field sends
 * ({@code 2026-12-04T23:18} or with seconds), read as UTC since the page says the time is UTC; or an
 * ISO-8601 instant or offset date-time ({@code 2026-12-04T23:18:18Z}, {@code 2026-12-05T00:18+01:00}),
 * for a link or a pasted value.
 */
final class AsOf {

    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private AsOf() {
    }

    /** The instant, or empty when the value is none of the forms above. */
    static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        // a date and time typed with a space, as people write them
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + "T" + text.substring(11).strip();
        }
        // an offset's "+" in an address that was not encoded arrives as a space
        text = text.replaceFirst("(T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?) (\\d{2}:\\d{2})$", "$1+$2");
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                return Optional.empty();
            }
        }
    }

    /** The instant as a {@code datetime-local} value in UTC, to the second (the field's {@code step="1"}). */
    static String fieldValue(Instant instant) {
        return instant == null ? "" : FIELD.format(instant);
    }
}
