package org.concord.query.feed;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.concord.eventstore.SafeEventLog;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.query.access.ConsultationAccess;
import org.concord.web.identity.CallerIdentity;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a consultation is RESTRICTED, as its creation event in the event store says: the feeds run
 * ahead of the read models, so they cannot ask those. A consultation's visibility never changes, so the
 * answer is remembered. The audit trail asks it too, for the same reason.
 */
@Component
public class ConsultationVisibility {

    private static final int REMEMBERED = 10_000;

    private final SafeEventLog eventStore;
    private final Map<String, Boolean> restricted = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    ConsultationVisibility(SafeEventLog eventStore) {
        this.eventStore = eventStore;
    }

    /** Unknown consultations count as restricted: nothing is shown that might not be public. */
    boolean isRestricted(String consultationId) {
        return restricted(consultationId).orElse(true);
    }

    /** Whether the consultation is RESTRICTED; empty when no such consultation exists. */
    Optional<Boolean> restricted(String consultationId) {
        Boolean known = restricted.get(consultationId);
        if (known != null) {
            return Optional.of(known);
        }
        DomainEventStream events = eventStore.readEvents(consultationId, 0);
        if (!events.hasNext() || !(events.next().getPayload() instanceof ConsultationCreatedEvent created)) {
            return Optional.empty();
        }
        boolean isRestricted = created.visibility() != Visibility.PUBLIC;
        restricted.put(consultationId, isRestricted);
        return Optional.of(isRestricted);
    }

    /** Whether the consultation exists and this caller may see it: a RESTRICTED one only participants and drafters. */
    public boolean visibleTo(String consultationId, CallerIdentity caller) {
        return restricted(consultationId).map(isRestricted -> !isRestricted || ConsultationAccess.seesRestricted(caller)).orElse(false);
    }

    /** Learns a visibility from a creation event the feed just read. */
    void remember(ConsultationCreatedEvent created) {
        restricted.put(created.consultationId(), created.visibility() != Visibility.PUBLIC);
    }
}
