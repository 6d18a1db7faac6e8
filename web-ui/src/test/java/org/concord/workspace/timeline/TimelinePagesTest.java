package org.concord.workspace.timeline;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TimelinePagesTest {

    private static final ApiTimeline.Participant FRANCE = new ApiTimeline.Participant("p-fr", "France", "STATE");

    private static List<ApiTimeline.Entry> entries(long from, int count) {
        return LongStream.range(from, from + count).mapToObj(position -> new ApiTimeline.Entry(position,
                Instant.parse("2026-12-04T10:00:00Z").plusSeconds(60 * position), "RoundClosed", FRANCE, "",
                Map.of("round", 1))).toList();
    }

    private static TimelinePage page(long after, List<ApiTimeline.Entry> fetched) {
        return TimelinePages.build("c", after, fetched,
                new TimelineSentences("c", ProvisionLabels.of(List.of()), Map.of(), Bundles.formats(Locale.ENGLISH)),
                Bundles.formats(Locale.ENGLISH));
    }

    @Test
    void afterIsAWholeNumberFromZero() {
        assertEquals(0L, TimelinePages.after(null));
        assertEquals(0L, TimelinePages.after(""));
        assertEquals(120L, TimelinePages.after("120"));
        assertNull(TimelinePages.after("-1"));
        assertNull(TimelinePages.after("abc"));
        assertNull(TimelinePages.after("1.5"));
        assertNull(TimelinePages.after("99999999999999999999"));
    }

    @Test
    void aFullPageLinksToTheNextAfterItsLastEvent() {
        TimelinePage page = page(0, entries(47, TimelinePages.PAGE_SIZE + 1));
        assertEquals(TimelinePages.PAGE_SIZE, page.entries().size());
        assertEquals("e-47", page.entries().get(0).anchor());
        assertEquals("/consultations/c/timeline?after=96", page.nextHref());
        assertNull(page.firstHref());
        assertEquals("50 events, from " + Bundles.formats(Locale.ENGLISH).dateTime(Instant.parse("2026-12-04T10:47:00Z"))
                + " to " + Bundles.formats(Locale.ENGLISH).dateTime(Instant.parse("2026-12-04T11:36:00Z")) + ", oldest first.", page.intro());
    }

    @Test
    void theLastPageLinksBackToTheFirst() {
        TimelinePage page = page(96, entries(97, 3));
        assertEquals(3, page.entries().size());
        assertNull(page.nextHref());
        assertEquals("/consultations/c/timeline", page.firstHref());
    }

    @Test
    void anEmptyPageSaysSo() {
        assertEquals("Nothing has happened in this consultation yet.", page(0, List.of()).intro());
        assertEquals("There are no more events after these.", page(500, List.of()).intro());
    }

    @Test
    void theEventsThemselvesGiveLabels() {
        ApiTimeline.Entry created = new ApiTimeline.Entry(1, Instant.EPOCH, "ConsultationCreated", FRANCE, "",
                Map.of("provisions", List.of(Map.of("provisionId", "p1", "label", "1"))));
        ApiTimeline.Entry accepted = new ApiTimeline.Entry(2, Instant.EPOCH, "AmendmentAccepted", FRANCE, "",
                Map.of("amendmentId", "a", "change", Map.of("kind", "INSERT_AFTER", "newProvisionId", "p9", "label", "3.b")));
        assertEquals(Map.of("p1", "1", "p9", "3.b"), TimelinePages.learntLabels(List.of(created, accepted)));
        assertEquals(java.util.Set.of("p4"), TimelinePages.provisionsNamed(List.of(accepted),
                Map.of("a", new ApiTimeline.Amendment("a", "INSERT_AFTER", "p4", "3.b", "ACCEPTED", FRANCE))));
    }
}
