package org.concord.query.history.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.concord.messages.history.FindDiffQuery;
import org.concord.messages.history.FindParticipationQuery;
import org.concord.messages.history.FindProvenanceQuery;
import org.concord.messages.history.FindProvisionHistoryQuery;
import org.concord.messages.history.FindTextAsOfQuery;
import org.concord.messages.history.FindTextAtVersionQuery;
import org.concord.messages.history.FindTimelineQuery;
import org.concord.messages.history.FindVersionsQuery;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.history.query.HistoryViews.Diff;
import org.concord.query.history.query.HistoryViews.Form;
import org.concord.query.history.query.HistoryViews.ProvenanceView;
import org.concord.query.history.query.HistoryViews.TextAtVersion;
import org.concord.query.history.query.HistoryViews.VersionSummary;
import org.concord.query.history.query.HistoryViews.Wording;
import org.concord.query.history.query.ParticipationQueries.Participation;
import org.concord.query.event.TimelineEntries;
import org.concord.query.readmodel.EntryPage;
import org.concord.query.shared.QueryRunner;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.concord.query.shared.QueryRunner.found;

/**
 * How a consultation's text changed: its versions, the text at any version or instant, diffs, each
 * provision's wordings, word-level provenance, the timeline of everything that happened, and
 * participation statistics. Whoever may see the consultation may read all of it.
 */
@Tag(name = "History")
@RestController
@RequestMapping(path = "/api/consultations/{consultationId}", produces = MediaType.APPLICATION_JSON_VALUE)
class HistoryQueryController {

    private static final String FORM = "how each provision's text reads: wording (the default, as it stands), clean (the bracketed "
            + "passages left out) or negotiation (with its brackets: [words], [Alt 1: … / Alt 2: …])";

    private final ConsultationAccess access;
    private final QueryRunner queries;

    HistoryQueryController(ConsultationAccess access, QueryRunner queries) {
        this.access = access;
        this.queries = queries;
    }

    @Operation(operationId = "listVersions", summary = "Every version of the text, oldest first, with its cause")
    @GetMapping("/versions")
    Mono<List<VersionSummary>> versions(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId)
                .then(queries.query(new FindVersionsQuery(consultationId), ResponseTypes.multipleInstancesOf(VersionSummary.class)));
    }

    @Operation(operationId = "getVersion", summary = "The text exactly as it stood at a version, with each provision's status and brackets then")
    @GetMapping("/versions/{version}")
    Mono<TextAtVersion> version(CallerIdentity caller, @PathVariable String consultationId, @PathVariable int version,
                                @Parameter(description = FORM) @RequestParam(required = false) String form) {
        Form shown = form(form);
        return access.visible(caller, consultationId)
                .then(found(queries.query(new FindTextAtVersionQuery(consultationId, version), ResponseTypes.optionalInstanceOf(TextAtVersion.class)),
                        "Consultation " + consultationId + " has no version " + version + "."))
                .map(text -> text.in(shown));
    }

    @Operation(operationId = "getText", summary = "The text as it stood at an instant (the version current then); without asOf, the current text")
    @GetMapping("/text")
    Mono<TextAtVersion> text(CallerIdentity caller, @PathVariable String consultationId,
                             @Parameter(description = "an ISO-8601 instant, e.g. 2025-04-04T10:00:00Z")
                             @RequestParam(required = false) String asOf,
                             @Parameter(description = FORM) @RequestParam(required = false) String form) {
        Instant instant = asOf == null ? Instant.now() : instant("asOf", asOf);
        Form shown = form(form);
        return access.visible(caller, consultationId)
                .then(found(queries.query(new FindTextAsOfQuery(consultationId, instant), ResponseTypes.optionalInstanceOf(TextAtVersion.class)),
                        "Consultation " + consultationId + " had no text yet at " + instant + "."))
                .map(text -> text.in(shown));
    }

    @Operation(operationId = "getDiff", summary = "What changed between two versions, provision by provision, with a word-level inline diff")
    @GetMapping("/diff")
    Mono<Diff> diff(CallerIdentity caller, @PathVariable String consultationId, @RequestParam int from, @RequestParam int to) {
        return access.visible(caller, consultationId)
                .then(found(queries.query(new FindDiffQuery(consultationId, from, to), ResponseTypes.optionalInstanceOf(Diff.class)),
                        "Consultation " + consultationId + " has no version " + from + " or no version " + to + "."));
    }

    @Operation(operationId = "getProvisionHistory", summary = "Every wording a provision has had, oldest first")
    @GetMapping("/provisions/{provisionId}/history")
    Mono<List<Wording>> provisionHistory(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String provisionId) {
        return access.visible(caller, consultationId)
                .then(queries.query(new FindProvisionHistoryQuery(consultationId, provisionId), ResponseTypes.multipleInstancesOf(Wording.class)))
                .filter(wordings -> !wordings.isEmpty())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Consultation " + consultationId + " has no provision " + provisionId + ".")));
    }

    @Operation(operationId = "getProvenance", summary = "Who introduced each word of the current text: version, amendment, organisation, stakeholder type")
    @GetMapping("/provenance")
    Mono<ProvenanceView> provenance(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId)
                .then(found(queries.query(new FindProvenanceQuery(consultationId), ResponseTypes.optionalInstanceOf(ProvenanceView.class)),
                        "No consultation " + consultationId + " exists."));
    }

    @Operation(operationId = "getHistory", summary = "The ordered timeline of everything that happened; Chatham House authors are masked")
    @GetMapping("/history")
    Mono<List<TimelineEntries.Entry>> history(CallerIdentity caller, @PathVariable String consultationId,
                                              @Parameter(description = "only entries after this global position")
                                              @RequestParam(defaultValue = "0") long after,
                                              @Parameter(description = "at most this many entries (1 to 10000); all when absent")
                                              @RequestParam(required = false) Integer limit) {
        EntryPage page = EntryPage.of(after, limit);
        FindTimelineQuery query = new FindTimelineQuery(consultationId, caller.participantId(), caller.hasAnyRole("DRAFTER"),
                page.after(), page.limit());
        return access.visible(caller, consultationId)
                .then(queries.query(query, ResponseTypes.multipleInstancesOf(TimelineEntries.Entry.class)));
    }

    @Operation(operationId = "getStatistics", summary = "Participation by stakeholder type and by country: participants, amendments, acceptance rate, supports, comments, endorsements")
    @GetMapping("/statistics")
    Mono<Participation> statistics(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId)
                .then(queries.query(new FindParticipationQuery(consultationId), ResponseTypes.instanceOf(Participation.class)));
    }

    /** {@code ?form=}: absent, the wording; "clean" or "negotiation" otherwise. */
    private static Form form(String value) {
        if (value == null) {
            return Form.WORDING;
        }
        return switch (value) {
            case "wording" -> Form.WORDING;
            case "clean" -> Form.CLEAN;
            case "negotiation" -> Form.NEGOTIATION;
            default -> throw ProblemException.invalid("form", "must be one of wording, clean, negotiation");
        };
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant such as 2025-04-04T10:00:00Z");
        }
    }
}
