package org.concord.workspace.history;

import org.concord.workspace.layout.Formats;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryModelsTest {

    private static final Formats EN = TestFormats.in(Locale.ENGLISH);
    private static final ApiHistory.Participant UK = new ApiHistory.Participant("p1", "UK", "STATE");
    private static final ApiHistory.Version V1 = new ApiHistory.Version(1, Instant.parse("2026-12-04T10:00:00Z"),
            new ApiHistory.Cause("CREATION", null, UK, null, null));
    private static final ApiHistory.Version V2 = new ApiHistory.Version(2, Instant.parse("2026-12-04T11:00:00Z"),
            new ApiHistory.Cause("REVISION", null, UK, UK, "Scrub"));
    private static final ApiHistory.Version V3 = new ApiHistory.Version(3, Instant.parse("2026-12-04T12:00:00Z"),
            new ApiHistory.Cause("REVISION", null, UK, UK, "Delete"));

    @Test
    void aDiffSaysHowManyProvisionsChangedAndAnchorsEach() {
        ApiHistory.Diff diff = new ApiHistory.Diff(1, 2, List.of(
                new ApiHistory.Change("a", "1", "MODIFIED", "x y", "x z", List.of(new ApiHistory.Run("EQUAL", "x "),
                        new ApiHistory.Run("DELETE", "y"), new ApiHistory.Run("INSERT", "z"))),
                new ApiHistory.Change("b", "2", "ADDED", null, "new", List.of(new ApiHistory.Run("INSERT", "new")))));
        DiffPage page = HistoryController.diffPage("/consultations/c", diff, Map.of(1, V1, 2, V2), List.of(V1, V2), 2, EN);
        assertEquals("2 provisions changed", page.count());
        assertFalse(page.hasNoChange());
        assertEquals("p-a", page.changes().get(0).anchor());
        assertEquals("Provision 1", page.changes().get(0).title());
        assertEquals("modified", page.changes().get(0).change());
        assertEquals("added", page.changes().get(1).change());
        assertEquals("Provision 2: added", page.changes().get(1).heading());
        assertEquals("/consultations/c/history/provisions/b", page.changes().get(1).historyHref());
        assertTrue(page.compare().from().stream().filter(Forms.Option::selected).allMatch(option -> option.value().equals("1")));
    }

    @Test
    void aDiffWithoutChangesSaysSo() {
        DiffPage same = HistoryController.diffPage("/consultations/c", new ApiHistory.Diff(2, 2, List.of()), Map.of(2, V2), List.of(V1, V2), 2, EN);
        assertEquals("", same.count());
        assertTrue(same.noChange().startsWith("No change: you chose the same version twice"));
        DiffPage none = HistoryController.diffPage("/consultations/c", new ApiHistory.Diff(1, 2, List.of()), Map.of(1, V1, 2, V2), List.of(V1, V2), 2, EN);
        assertEquals("No change: the text is the same in both versions.", none.noChange());
    }

    @Test
    void theCompareFormListsVersionsNewestFirstWithTheChosenOnes() {
        Forms.Compare form = HistoryController.compare("/consultations/c", List.of(V1, V2, V3), 2, 3, "", "", EN);
        assertEquals(List.of("3", "2", "1"), form.from().stream().map(Forms.Option::value).toList());
        assertEquals("Version 3 – 4 December 2026, 12:00:00 UTC", form.to().get(0).label());
        assertTrue(form.from().get(1).selected());
        assertTrue(form.to().get(0).selected());
        assertEquals("/consultations/c/diff", form.action());
    }

    @Test
    void aProvisionsWordingsLinkToTheChangesOfTheirVersionAndSayWhenItWasDeleted() {
        List<ApiHistory.Wording> wordings = List.of(new ApiHistory.Wording(1, "2.a", "First", false, V1.cause()),
                new ApiHistory.Wording(2, "2.a", "Second", false, V2.cause()),
                new ApiHistory.Wording(3, "2.a", null, true, V3.cause()));
        ProvisionPage page = ProvisionHistory.page("/consultations/c", "pid", wordings, Map.of(1, V1, 2, V2, 3, V3), EN);
        assertEquals("History of provision 2.a", page.title());
        assertEquals("3 versions made, changed or deleted this provision, oldest first; it was deleted in version 3.", page.summary());
        assertFalse(page.wordings().get(0).hasDiff());
        assertEquals("/consultations/c/diff?from=1&to=2#p-pid", page.wordings().get(1).diffHref());
        assertEquals("/consultations/c/versions/2#p-pid", page.wordings().get(1).href());
        assertTrue(page.wordings().get(2).wasDeleted());
        assertEquals("Deleted in version 3.", page.wordings().get(2).deleted());
        assertEquals("", page.wordings().get(2).text());
        assertEquals("Revised by UK: Delete", page.wordings().get(2).cause());
    }
}
