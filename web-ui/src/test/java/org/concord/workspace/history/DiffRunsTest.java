package org.concord.workspace.history;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffRunsTest {

    private static final Function<String, String> NAMES = code -> code.substring("history.ws.".length());

    private static String joined(List<DiffRuns.Piece> pieces) {
        return pieces.stream().map(DiffRuns.Piece::text).collect(Collectors.joining());
    }

    @Test
    void aChangeOfWhiteSpaceAloneIsMarkedCharacterByCharacter() {
        List<DiffRuns.Piece> pieces = DiffRuns.pieces("  ", NAMES);
        assertEquals(2, pieces.size());
        assertTrue(pieces.stream().allMatch(DiffRuns.Piece::marked));
        assertEquals("·", pieces.get(0).mark());
        assertEquals("space", pieces.get(0).markName());
        assertEquals("  ", joined(pieces));
    }

    @Test
    void aLineBreakWrittenCrLfIsOneMarkAndKeepsBothCharacters() {
        List<DiffRuns.Piece> pieces = DiffRuns.pieces("\r\n", NAMES);
        assertEquals(1, pieces.size());
        assertEquals("↵", pieces.get(0).mark());
        assertEquals("lineBreak", pieces.get(0).markName());
        assertEquals("\r\n", pieces.get(0).text());
        assertTrue(pieces.get(0).breaks());
        assertFalse(DiffRuns.pieces(" ", NAMES).get(0).breaks());
    }

    @Test
    void aNoBreakSpaceReplacingASpaceIsVisibleOnBothSides() {
        List<DiffRuns.RunView> runs = DiffRuns.views(List.of(new ApiHistory.Run("EQUAL", "Article"),
                new ApiHistory.Run("DELETE", " "), new ApiHistory.Run("INSERT", "\u00A0"), new ApiHistory.Run("EQUAL", "3")), NAMES);
        assertTrue(runs.get(1).deleted());
        assertEquals("·", runs.get(1).pieces().get(0).mark());
        assertTrue(runs.get(2).inserted());
        assertEquals("°", runs.get(2).pieces().get(0).mark());
        assertEquals("noBreakSpace", runs.get(2).pieces().get(0).markName());
    }

    @Test
    void ordinarySpacesBetweenChangedWordsAreLeftAloneButOtherWhiteSpaceIsMarked() {
        List<DiffRuns.Piece> pieces = DiffRuns.pieces(" and hacking-for-hire\tservices", NAMES);
        assertEquals(3, pieces.size());
        assertFalse(pieces.get(0).marked());
        assertEquals(" and hacking-for-hire", pieces.get(0).text());
        assertTrue(pieces.get(1).marked());
        assertEquals("→", pieces.get(1).mark());
        assertEquals("services", pieces.get(2).text());
    }

    @Test
    void equalRunsAreShownAsTheyAreAndEveryRunKeepsItsText() {
        List<ApiHistory.Run> api = List.of(new ApiHistory.Run("EQUAL", "States  should"), new ApiHistory.Run("INSERT", " 🇫🇷 \n"),
                new ApiHistory.Run("DELETE", "publish"));
        List<DiffRuns.RunView> runs = DiffRuns.views(api, NAMES);
        assertTrue(runs.get(0).equal());
        assertEquals(List.of(DiffRuns.Piece.text("States  should")), runs.get(0).pieces());
        for (int i = 0; i < api.size(); i++) {
            assertEquals(api.get(i).text(), joined(runs.get(i).pieces()));
        }
    }
}
