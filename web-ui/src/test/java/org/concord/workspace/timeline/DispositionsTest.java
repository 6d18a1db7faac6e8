package org.concord.workspace.timeline;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DispositionsTest {

    private static final ProvisionLabels LABELS = ProvisionLabels.of(List.of(new ApiTimeline.Provision("p3", "3")))
            .with(Map.of("gone", "2.b"));

    @Test
    void eachRowSaysWhoProposedWhatAndWhatCameOfIt() {
        DispositionsPage page = Dispositions.build("c", "Code", List.of(
                new ApiTimeline.Disposition("d1cb775f-b49e", "INSERT_AFTER", "p3", "3.b", 1, "OECD",
                        "INTERNATIONAL_ORGANISATION", 4, "ACCEPTED", "Prevents licence shopping.",
                        Instant.parse("2026-12-04T23:18:26Z"), 4),
                new ApiTimeline.Disposition("e8e38dec-06ca", "DELETE", "gone", null, 2, "Vantage", "COMPANY", 1200,
                        "REJECTED", "Oversight needs them.", Instant.parse("2026-12-05T09:00:00Z"), null),
                new ApiTimeline.Disposition("0000aaaa-bbbb", "REPLACE", "p3", null, 3, "Kenya", "STATE", 0,
                        "PROPOSED", null, null, null),
                new ApiTimeline.Disposition("1111cccc-dddd", "REPLACE", "p3", null, 1, "Lakeshore", "ACADEMIA", 0,
                        "WITHDRAWN", null, null, null)), LABELS, Bundles.formats(Locale.ENGLISH));
        assertEquals("4 amendments, 3 of them decided or withdrawn.", page.intro());
        assertEquals("Withdrawn by its author", page.rows().get(3).status());
        assertEquals("/consultations/c/dispositions.csv", page.csvHref());
        DispositionsPage.Row insert = page.rows().get(0);
        assertEquals("a-d1cb775f-b49e", insert.anchor());
        assertEquals("d1cb775f", insert.amendment());
        assertEquals("new 3.b, after 3", insert.provision());
        assertEquals("/consultations/c#p-p3", insert.provisionHref());
        assertEquals("International organisation", insert.stakeholderType());
        assertEquals("Accepted", insert.status());
        assertEquals("version 4", insert.version());
        assertEquals("/consultations/c/versions/4", insert.versionHref());
        assertEquals(Bundles.formats(Locale.ENGLISH).dateTime(Instant.parse("2026-12-04T23:18:26Z")), insert.decidedAt());
        DispositionsPage.Row delete = page.rows().get(1);
        assertEquals("2.b", delete.provision());
        assertNull(delete.provisionHref());
        assertEquals("1,200", delete.supporters());
        assertEquals("", delete.version());
        assertNull(delete.versionHref());
        DispositionsPage.Row pending = page.rows().get(2);
        assertEquals("Not decided yet", pending.status());
        assertEquals("proposed", pending.statusCode());
        assertEquals("", pending.decidedAt());
        assertEquals("", pending.reason());
    }

    @Test
    void frenchNumbersAndWords() {
        DispositionsPage page = Dispositions.build("c", "Code", List.of(
                new ApiTimeline.Disposition("a", "REPLACE", "p3", null, 1, "Kenya", "STATE", 1200,
                        "ACCEPTED_WITH_MODIFICATIONS", "r", Instant.parse("2026-12-04T23:18:26Z"), 3)),
                LABELS, Bundles.formats(Locale.FRENCH));
        assertEquals("1 amendement\u00a0: 1 décidé ou retiré.", page.intro());
        assertEquals("Accepté avec modifications", page.rows().get(0).status());
        assertEquals("1\u202f200", page.rows().get(0).supporters());
        assertEquals("4 décembre 2026 à 23:18 UTC", page.rows().get(0).decidedAt());
    }
}
