package org.concord.query.amendment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.concord.messages.amendment.FindAmendmentsQuery;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.amendment.query.AmendmentView;
import org.concord.query.amendment.query.Disposition;
import org.concord.query.shared.QueryRunner;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/** The dispositions table of a consultation: every amendment with its decision, as JSON or as CSV ({@code Accept: text/csv}). */
@Tag(name = "Amendments")
@RestController
class DispositionController {

    private static final String PATH = "/api/consultations/{consultationId}/dispositions";
    private static final String CSV = "text/csv";

    private final ConsultationAccess access;
    private final QueryRunner queries;

    DispositionController(ConsultationAccess access, QueryRunner queries) {
        this.access = access;
        this.queries = queries;
    }

    @Operation(operationId = "listDispositions", summary = "Per amendment: the author's organisation and stakeholder type, the decision, its reason and the resulting version")
    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Disposition>> json(CallerIdentity caller, @PathVariable String consultationId) {
        return dispositions(caller, consultationId);
    }

    @Operation(operationId = "listDispositionsCsv", summary = "The dispositions table as CSV, for spreadsheets")
    @GetMapping(path = PATH, produces = CSV)
    Mono<ResponseEntity<String>> csv(CallerIdentity caller, @PathVariable String consultationId) {
        return dispositions(caller, consultationId).map(rows -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dispositions-" + consultationId.replaceAll("[^A-Za-z0-9_-]", "") + ".csv\"")
                .body(Disposition.csv(rows)));
    }

    private Mono<List<Disposition>> dispositions(CallerIdentity caller, String consultationId) {
        return access.visible(caller, consultationId)
                .then(queries.query(new FindAmendmentsQuery(consultationId, null), ResponseTypes.multipleInstancesOf(AmendmentView.class)))
                .map(amendments -> amendments.stream().map(Disposition::of).toList());
    }
}
