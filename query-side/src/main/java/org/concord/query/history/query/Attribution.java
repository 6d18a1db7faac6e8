package org.concord.query.history.query;

import org.concord.messages.participant.StakeholderType;

/**
 * Who a word of the text comes from: the version that introduced it, the amendment it came with (null
 * for the creation and for drafters' revisions), and the participant and organisation behind it.
 */
public record Attribution(int version, String amendmentId, String participantId, String organisation,
                          StakeholderType stakeholderType) {
}
