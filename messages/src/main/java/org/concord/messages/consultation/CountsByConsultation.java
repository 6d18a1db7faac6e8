package org.concord.messages.consultation;

import java.util.Map;

/** A count per consultation id; a consultation with none is absent. */
public record CountsByConsultation(Map<String, Long> counts) {

    public CountsByConsultation {
        counts = Map.copyOf(counts);
    }

    public long of(String consultationId) {
        return counts.getOrDefault(consultationId, 0L);
    }
}
