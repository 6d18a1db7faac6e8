package org.concord.workspace.history;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AsOfTest {

    @Test
    void aDatetimeLocalValueIsReadAsUtc() {
        assertEquals(Optional.of(Instant.parse("2026-12-04T23:18:00Z")), AsOf.parse("2026-12-04T23:18"));
        assertEquals(Optional.of(Instant.parse("2026-12-04T23:18:27Z")), AsOf.parse("2026-12-04T23:18:27"));
        assertEquals(Optional.of(Instant.parse("2026-12-04T23:18:27Z")), AsOf.parse(" 2026-12-04 23:18:27 "));
    }

    @Test
    void anInstantOrAnOffsetDateTimeIsTakenAsItSays() {
        assertEquals(Optional.of(Instant.parse("2026-12-04T23:18:18.553Z")), AsOf.parse("2026-12-04T23:18:18.553Z"));
        assertEquals(Optional.of(Instant.parse("2026-12-04T23:18:00Z")), AsOf.parse("2026-12-05T00:18+01:00"));
        assertEquals(Optional.of(Instant.parse("2026-12-04T23:18:27Z")), AsOf.parse("2026-12-05T00:18:27 01:00"));
    }

    @Test
    void anythingElseIsNoInstant() {
        assertEquals(Optional.empty(), AsOf.parse(null));
        assertEquals(Optional.empty(), AsOf.parse(""));
        assertEquals(Optional.empty(), AsOf.parse("yesterday"));
        assertEquals(Optional.empty(), AsOf.parse("2026-12-04"));
        assertEquals(Optional.empty(), AsOf.parse("2026-13-04T10:00"));
    }

    @Test
    void theFieldShowsTheInstantInUtcToTheSecond() {
        assertEquals("2026-12-04T23:18:18", AsOf.fieldValue(Instant.parse("2026-12-04T23:18:18.553Z")));
        assertEquals("", AsOf.fieldValue(null));
    }
}
