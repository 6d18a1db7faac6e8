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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Each participant's audit trail, for administrators: every event the participant acted in, and the
 * registration and revocation of their own credential, in the order stored. A Chatham House comment is
 * left out of its author's trail: administrators are neither drafters nor the author, and listing the
 * comment under a name would attribute it. Of a consultation the reader may not read elsewhere (a RESTRICTED one,
 * for an administrator who is neither participant nor drafter) an entry shows only who acted, when, what kind of
 * event and which consultation: the trail stays complete without showing what the consultation holds.
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
    private static final String CONSULTATION_ID = "consultationId";
    private static final String CONTENT_WITHHELD = "contentWithheld";

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

    /** The participant's entries of the page, as a reader who reads the consultations {@code readsConsultation} accepts sees them. */
    public List<TimelineEntries.Entry> trail(String participantId, EntryPage page, Predicate<String> readsConsultation) {
        return trails.read(participantId, page).stream()
                .map(entry -> shown(entry, readsConsultation))
                .toList();
    }

    private static TimelineEntries.Entry shown(StoredEntry stored, Predicate<String> readsConsultation) {
        TimelineEntries.Entry entry = TimelineEntries.entry(stored, null, false);
        String consultationId = stored.consultationId();
        if (consultationId == null || readsConsultation.test(consultationId)) {
            return entry;
        }
        String who = entry.actor() == null || entry.actor().organisation() == null ? "Someone" : entry.actor().organisation();
        String what = entry.type().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
        return new TimelineEntries.Entry(entry.position(), entry.at(), entry.type(), entry.actor(),
                who + ": " + what + " in consultation " + consultationId + ", whose content is withheld",
                Map.of(CONSULTATION_ID, consultationId, CONTENT_WITHHELD, true));
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
