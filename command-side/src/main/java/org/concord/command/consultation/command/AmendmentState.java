package org.concord.command.consultation.command;

import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.consultation.ChangeKind;

import java.util.HashSet;
import java.util.Set;

/** What the Consultation aggregate must know of an amendment to decide on it. */
record AmendmentState(ChangeKind kind, String provisionId, int baseVersion, String text, String label, String authorId,
                      AmendmentStatus status, Set<String> supporters) {

    AmendmentState {
        supporters = Set.copyOf(supporters);
    }

    AmendmentState withStatus(AmendmentStatus newStatus) {
        return new AmendmentState(kind, provisionId, baseVersion, text, label, authorId, newStatus, supporters);
    }

    AmendmentState withSupporter(String participantId, boolean supports) {
        Set<String> changed = new HashSet<>(supporters);
        if (supports) {
            changed.add(participantId);
        } else {
            changed.remove(participantId);
        }
        return new AmendmentState(kind, provisionId, baseVersion, text, label, authorId, status, changed);
    }
}
