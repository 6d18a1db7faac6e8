package org.concord.query.consultation.query;

import jakarta.annotation.Nullable;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;

/** An organisation's signature of an adopted text. */
public record EndorsementView(String organisation, StakeholderType stakeholderType, @Nullable String country, Instant endorsedAt) {
}
