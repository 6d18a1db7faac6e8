package org.concord.workspace.drafting;

import org.concord.workspace.form.FormKey;
import org.springframework.util.MultiValueMap;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The deadline of a new round as a drafter picks it: a date, a time of day and the time zone they are read in.
 * The zone is always named on the page, and the deadline shown in it and in UTC before it is set.
 */
record RoundForm(String date, String time, String zone, String formKey) {

    /** The zones offered: UTC, then the delegations' usual ones from west to east. */
    static final List<String> ZONES = List.of("UTC", "America/Los_Angeles", "America/Mexico_City", "America/New_York",
            "America/Sao_Paulo", "Atlantic/Reykjavik", "Europe/London", "Europe/Paris", "Europe/Berlin", "Africa/Lagos",
            "Africa/Johannesburg", "Africa/Nairobi", "Europe/Kyiv", "Asia/Jerusalem", "Asia/Riyadh", "Asia/Dubai",
            "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai", "Asia/Seoul", "Asia/Tokyo", "Australia/Sydney",
            "Pacific/Auckland");

    static RoundForm suggested(Instant now) {
        LocalDate inTwoWeeks = now.atZone(ZoneId.of("UTC")).toLocalDate().plusDays(14);
        return new RoundForm(inTwoWeeks.toString(), "18:00", "UTC", FormKey.fresh());
    }

    static RoundForm from(MultiValueMap<String, String> data) {
        String zone = data.getFirst("zone");
        return new RoundForm(trimmed(data.getFirst("date")), trimmed(data.getFirst("time")), ZONES.contains(zone) ? zone : "UTC",
                FormKey.sent(data.getFirst(FormKey.FIELD)));
    }

    RoundForm again() {
        return new RoundForm(date, time, zone, FormKey.fresh());
    }

    /** The instant the date and time mean in the zone; empty when either cannot be read. In a gap of a DST change, the time after it. */
    Optional<ZonedDateTime> deadline() {
        try {
            return Optional.of(ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), ZoneId.of(zone)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }
}
