package org.concord.workspace.history;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionChoiceTest {

    private static final List<ApiHistory.Version> TEN = IntStream.rangeClosed(1, 10)
            .mapToObj(n -> new ApiHistory.Version(n, Instant.EPOCH, null)).toList();

    @Test
    void twoVersionsOfTheText() {
        VersionChoice choice = VersionChoice.of("3", " 7 ", TEN);
        assertTrue(choice.valid());
        assertEquals(3, choice.from());
        assertEquals(7, choice.to());
        assertEquals(200, choice.status());
    }

    @Test
    void missingOrNotANumberIs400() {
        VersionChoice choice = VersionChoice.of(null, "x", TEN);
        assertEquals("missing", choice.fromError());
        assertEquals("notNumber", choice.toError());
        assertEquals(400, choice.status());
        assertEquals(400, VersionChoice.of("", "99", TEN).status());
    }

    @Test
    void aNumberThatIsNoVersionIs404() {
        VersionChoice choice = VersionChoice.of("0", "99", TEN);
        assertEquals("unknown", choice.fromError());
        assertEquals("unknown", choice.toError());
        assertEquals(404, choice.status());
        assertEquals(404, VersionChoice.of("1", "11", TEN).status());
        assertEquals(400, VersionChoice.of("99999999999", "1", TEN).status());
    }
}
