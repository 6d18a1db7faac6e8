package org.concord.workspace.history;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionPagesTest {

    private static final List<Integer> TWO_THOUSAND = IntStream.rangeClosed(1, 2000).boxed().toList();

    @Test
    void theFirstPageShowsTheNewestVersionsNewestFirst() {
        VersionPages pages = VersionPages.of(null, 2000, 100);
        assertEquals(20, pages.count());
        List<Integer> shown = pages.slice(TWO_THOUSAND);
        assertEquals(100, shown.size());
        assertEquals(2000, shown.get(0));
        assertEquals(1901, shown.get(99));
        assertFalse(pages.hasNewer());
        assertTrue(pages.hasOlder());
    }

    @Test
    void theLastPageEndsWithVersionOne() {
        VersionPages pages = VersionPages.of("20", 2000, 100);
        List<Integer> shown = pages.slice(TWO_THOUSAND);
        assertEquals(100, shown.get(0));
        assertEquals(1, shown.get(shown.size() - 1));
        assertTrue(pages.hasNewer());
        assertFalse(pages.hasOlder());
    }

    @Test
    void aPartPageAndPagesOutOfRangeOrUnreadable() {
        List<Integer> shown = VersionPages.of("2", 150, 100).slice(TWO_THOUSAND.subList(0, 150));
        assertEquals(List.of(50, 1), List.of(shown.get(0), shown.get(shown.size() - 1)));
        assertEquals(2, VersionPages.of("99", 150, 100).number());
        assertEquals(1, VersionPages.of("-3", 150, 100).number());
        assertEquals(1, VersionPages.of("two", 150, 100).number());
    }

    @Test
    void fewVersionsOrNoneMakeOnePage() {
        VersionPages one = VersionPages.of(null, 10, 100);
        assertEquals(1, one.count());
        assertEquals(10, one.slice(TWO_THOUSAND.subList(0, 10)).size());
        assertEquals(List.of(), VersionPages.of(null, 0, 100).slice(List.of()));
    }
}
