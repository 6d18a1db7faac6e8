package org.concord.query.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.query.event.EventDescription;
import org.concord.query.event.TimelineEntries;
import org.concord.query.readmodel.ChunkedEntries;
import org.concord.query.readmodel.EntryPage;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.readmodel.StoredEntry;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Each participant's audit trail, for administrators: every event the participant acted in, and the
 * registration and revocation of their own credential, in the order stored. A Chatham House comment is
 * left out of its author's trail: administrators are neither drafters nor the author, and listing the
 * comment under a name would attribute it.
 * <p>
 * The {@value #PROCESSING_GROUP} processing group has one segment (application.yml), so that one
 * thread appends to every trail and an event that concerns two participants never races another.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection {

    public static final String PROCESSING_GROUP = "audit";
    /** Larger than the timeline's: one participant's events are sparse among everybody's. */
    private static final long CHUNK = 1000;

    private final ChunkedEntries trails;

    public AuditTrailProjection(ReadModels readModels) {
        this.trails = new ChunkedEntries(readModels, "auditTrails", "auditTrailChunks", CHUNK);
    }

    @EventHandler
    void on(ParticipantRegisteredEvent event, @Timestamp Instant at, TrackingToken token) {
        record(event, at, token, event.participantId(), event.registeredBy());
    }

    @EventHandler
    void on(ParticipantRevokedEvent event, @Timestamp Instant at, TrackingToken token) {
        record(event, at, token, event.participantId(), event.revokedBy());
    }

    @EventHandler
    void on(ConsultationEvent event, @Timestamp Instant at, TrackingToken token) {
        EventDescription described = EventDescription.of(event);
        String actorId = described.actor() == null ? null : described.actor().participantId();
        if (actorId != null && !described.chathamHouse()) {
            append(described, at, token, Set.of(actorId));
        }
    }

    @ResetHandler
    void reset() {
        trails.reset();
    }

    /** The participant's entries of the page, as an administrator sees them. */
    public List<TimelineEntries.Entry> trail(String participantId, EntryPage page) {
        return trails.read(participantId, page).stream()
                .map(entry -> TimelineEntries.entry(entry, null, false))
                .toList();
    }

    private void record(Object event, Instant at, TrackingToken token, String subject, Actor actor) {
        Set<String> concerned = new LinkedHashSet<>();
        concerned.add(subject);
        if (actor != null && actor.participantId() != null) {
            concerned.add(actor.participantId());
        }
        append(EventDescription.of(event), at, token, concerned);
    }

    private void append(EventDescription described, Instant at, TrackingToken token, Set<String> participantIds) {
        long position = token.position().orElseThrow(() -> new IllegalStateException("A tracked event without a position"));
        StoredEntry entry = described.entry(position, at);
        participantIds.stream().filter(Objects::nonNull).forEach(participantId -> trails.append(participantId, entry));
    }
}
