package org.concord.command.consultation.command;

import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

import java.util.List;

import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.FRANCE;

/**
 * The negotiation tests' events, on {@link ConsultationFixtures}' text. Provision 1, "States should regulate intrusion
 * tools.", counts six words: States(0) should(1) regulate(2) intrusion(3) tools(4) .(5).
 */
final class NegotiationFixtures {

    static final Actor JAPAN = new Actor("p-jp", "Japan", StakeholderType.STATE);
    static final Actor FRANCE_2 = new Actor("p-fr-2", "France", StakeholderType.STATE);
    static final Alternative SPYWARE = new Alternative("alt-1", "spyware", List.of("France"));
    static final Alternative SURVEILLANCE = new Alternative("alt-2", "surveillance software", List.of());
    /** "intrusion tools" of provision 1 bracketed, with two alternatives. */
    static final TextBracketedEvent TOOLS_BRACKETED = new TextBracketedEvent("c-1", "b-1", "prov-1", 1, 3, 5, "intrusion tools",
            List.of(SPYWARE, SURVEILLANCE), null, DRAFTER);
    /** The final full stop of provision 1 bracketed, no alternatives. */
    static final TextBracketedEvent STOP_BRACKETED = new TextBracketedEvent("c-1", "b-2", "prov-1", 1, 5, 6, ".", List.of(), null,
            DRAFTER);
    static final ProvisionStatusChangedEvent PROVISION_1_BRACKETED = changed(ProvisionStatus.OPEN, ProvisionStatus.BRACKETED,
            "Passage bracketed");
    /** Japan's amendment a-2 to provision 1. */
    static final AmendmentProposedEvent REPLACE_1_BY_JAPAN = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.REPLACE, "prov-1", 1,
            "States must regulate intrusion software.", null, "Clearer", 1, JAPAN);
    /** France's second amendment a-3 to provision 1. */
    static final AmendmentProposedEvent REPLACE_1_BY_FRANCE_AGAIN = new AmendmentProposedEvent("c-1", "a-3", ChangeKind.REPLACE,
            "prov-1", 1, "States regulate tools.", null, "Shorter", 1, FRANCE_2);

    private NegotiationFixtures() {
    }

    static ProvisionStatusChangedEvent changed(ProvisionStatus from, ProvisionStatus to, String reason) {
        return new ProvisionStatusChangedEvent("c-1", "prov-1", from, to, reason, DRAFTER);
    }
}
