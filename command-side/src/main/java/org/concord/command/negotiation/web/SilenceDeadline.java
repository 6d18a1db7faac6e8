package org.concord.command.negotiation.web;

import org.concord.web.problem.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A silence procedure's deadline as the drafter sets it: a wall-clock time in a named zone, so that everyone reads
 * "18:00 Paris time" as meant. A time that the zone skips (the spring-forward gap) does not exist and is refused; a
 * time it repeats (the autumn overlap) is the earlier of the two instants.
 */
record SilenceDeadline(Instant instant, String timeZone) {

    static SilenceDeadline parse(String localDateTime, String timeZone) {
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw ProblemException.invalid("timeZone", "Not an IANA time zone id (such as Europe/Paris): " + timeZone);
        }
        ZoneId zone = ZoneId.of(timeZone);
        LocalDateTime local = local(localDateTime);
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            throw ProblemException.invalid("deadline", localDateTime + " does not exist in " + timeZone
                    + ": the clocks skip it (daylight saving time); choose another time");
        }
        return new SilenceDeadline(local.atZone(zone).toInstant(), timeZone);
    }

    private static LocalDateTime local(String value) {
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException notLocal) {
            if (hasOffset(value)) {
                throw ProblemException.invalid("deadline", "must be a local date-time without offset, such as 2026-12-20T18:00; "
                        + "the zone is timeZone");
            }
            throw ProblemException.invalid("deadline", "must be a local date-time such as 2026-12-20T18:00");
        }
    }

    private static boolean hasOffset(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeException notOffset) {
            return false;
        }
    }
}
