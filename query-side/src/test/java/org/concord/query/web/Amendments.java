package org.concord.query.web;

import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.amendment.query.AmendmentView;

import java.time.Instant;
import java.util.Map;

/** Amendments as the amendment projection answers them, for the controller tests that show them. */
public final class Amendments {

    public static final Actor GERMANY = new Actor("p-de", "Germany", StakeholderType.STATE);

    private Amendments() {
    }

    /** Germany's amendment to provision p-1, accepted by the secretariat as version 3. */
    public static AmendmentView accepted(String amendmentId) {
        return new AmendmentView(amendmentId, ChangeKind.REPLACE, "p-1", 2, "States shall halve plastic waste.", null,
                "Stronger wording", AmendmentStatus.ACCEPTED, false, 1, GERMANY,
                new AmendmentView.Supporters(2, Map.of("STATE", 2)),
                new AmendmentView.Decision("Secretariat", "Agreed in plenary", Instant.parse("2026-03-20T15:00:00Z"), 3),
                Instant.parse("2026-03-10T08:00:00Z"));
    }
}
