package org.concord.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.concord.query.event.TimelineEntries;
import org.concord.query.feed.ConsultationVisibility;
import org.concord.query.readmodel.EntryPage;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;

/** Administrators read what one participant did, from the events (see {@link AuditTrailProjection}). */
@Tag(name = "Operations")
@RestController
class AuditController {

    private final AuditTrailProjection trails;
    private final ConsultationVisibility visibility;

    AuditController(AuditTrailProjection trails, ConsultationVisibility visibility) {
        this.trails = trails;
        this.visibility = visibility;
    }

    /** A participant's audit trail: who they are is in the registration, the first entry of an unpaged trail. */
    record AuditTrail(String participantId, List<TimelineEntries.Entry> entries) {
    }

    @Operation(operationId = "getAuditTrail", summary = "Everything a participant did and what was done to their credential, in order; Chatham House comments are left out, "
            + "and of a consultation the caller may not read only who acted, when, what kind of event and which consultation are shown")
    @GetMapping(path = "/api/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AuditTrail> audit(CallerIdentity caller,
                           @RequestParam String participantId,
                           @Parameter(description = "only entries after this global position")
                           @RequestParam(defaultValue = "0") long after,
                           @Parameter(description = "at most this many entries (1 to 10000); all when absent")
                           @RequestParam(required = false) Integer limit) {
        caller.requireAnyRole("ADMIN");
        if (participantId.isBlank()) {
            throw ProblemException.invalid("participantId", "must not be blank");
        }
        EntryPage page = EntryPage.of(after, limit);
        return Mono.fromCallable(() -> trails.trail(participantId, page, consultationId -> visibility.visibleTo(consultationId, caller)))
                .subscribeOn(Schedulers.boundedElastic())
                .map(entries -> {
                    if (entries.isEmpty() && after == 0) {
                        throw ProblemException.notFound("No participant " + participantId + " appears in the events.");
                    }
                    return new AuditTrail(participantId, entries);
                });
    }
}
