package org.concord.command.dispatch;

import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.web.identity.CallerIdentity;

/** The authenticated caller as the events record them. */
public final class Actors {

    private Actors() {
    }

    public static Actor of(CallerIdentity caller) {
        StakeholderType type = caller.stakeholderType() == null ? null : StakeholderType.valueOf(caller.stakeholderType());
        return new Actor(caller.participantId(), caller.organisation(), type);
    }
}
