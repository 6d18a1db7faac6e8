package org.concord.workspace.history;

import org.concord.workspace.layout.Formats;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CausesTest {

    private static final Formats EN = TestFormats.in(Locale.ENGLISH);
    private static final Formats FR = TestFormats.in(Locale.FRENCH);
    private static final ApiHistory.Participant UK = new ApiHistory.Participant("p1", "Co-hosts Secretariat (United Kingdom)", "STATE");
    private static final ApiHistory.Participant KENYA = new ApiHistory.Participant("p2", "Kenya", "STATE");

    @Test
    void anAcceptedAmendmentNamesItsShortIdItsAuthorAndTheDrafter() {
        ApiHistory.Cause cause = new ApiHistory.Cause("AMENDMENT", "d2e1fd6e-1902-343f-89f5-40e1fdfcf323", KENYA, UK, "Broad support.");
        assertEquals("Amendment d2e1fd6e by Kenya (State), accepted by Co-hosts Secretariat (United Kingdom)", Causes.sentence(cause, EN));
        assertEquals("Amendement d2e1fd6e de Kenya (État), accepté par Co-hosts Secretariat (United Kingdom)", Causes.sentence(cause, FR));
        assertEquals("Reason given: Broad support.", Causes.acceptanceReason(cause, EN));
    }

    @Test
    void aRevisionGivesItsReasonAndACreationItsAuthor() {
        assertEquals("Revised by Co-hosts Secretariat (United Kingdom): Legal scrub, it''s done.".replace("''", "'"),
                Causes.sentence(new ApiHistory.Cause("REVISION", null, UK, UK, "Legal scrub, it's done."), EN));
        assertEquals("Created by Co-hosts Secretariat (United Kingdom) (State)",
                Causes.sentence(new ApiHistory.Cause("CREATION", null, UK, null, null), EN));
        assertEquals("", Causes.acceptanceReason(new ApiHistory.Cause("REVISION", null, UK, UK, "x"), EN));
    }

    @Test
    void authorsAreShownAsTheApiGivesThemEvenHostileOrUndisclosed() {
        ApiHistory.Participant hostile = new ApiHistory.Participant("p3", "<script>{0}'", "NGO");
        ApiHistory.Participant masked = new ApiHistory.Participant(null, null, "ACADEMIA");
        assertEquals("Amendment 1234 by <script>{0}' (NGO), accepted by an undisclosed participant (Academia)",
                Causes.sentence(new ApiHistory.Cause("AMENDMENT", "1234", hostile, masked, null), EN));
        assertEquals("an unknown participant", Causes.who(null, EN));
        assertEquals("Someone (MARTIAN)", Causes.who(new ApiHistory.Participant("p", "Someone", "MARTIAN"), EN));
        assertEquals("Made by a change of another kind (MERGE)", Causes.sentence(new ApiHistory.Cause("MERGE", null, null, null, null), EN));
    }

    @Test
    void timesAreInUtcToTheSecond() {
        assertEquals("4 December 2026, 23:18:18 UTC", Causes.preciseTime(Instant.parse("2026-12-04T23:18:18.553Z"), EN));
        assertEquals("4 décembre 2026 à 23:18:18 UTC", Causes.preciseTime(Instant.parse("2026-12-04T23:18:18.553Z"), FR));
    }
}
