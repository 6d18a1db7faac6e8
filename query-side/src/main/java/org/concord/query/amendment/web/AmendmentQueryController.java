package org.concord.query.amendment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.FindAmendmentQuery;
import org.concord.messages.amendment.FindAmendmentsQuery;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.amendment.query.AmendmentView;
import org.concord.query.shared.QueryRunner;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

import static org.concord.query.shared.QueryRunner.found;

/** Reads a consultation's amendments, with their supporters, staleness and decisions. */
@Tag(name = "Amendments")
@RestController
@RequestMapping(path = "/api/consultations/{consultationId}/amendments", produces = MediaType.APPLICATION_JSON_VALUE)
class AmendmentQueryController {

    private final ConsultationAccess access;
    private final QueryRunner queries;

    AmendmentQueryController(ConsultationAccess access, QueryRunner queries) {
        this.access = access;
        this.queries = queries;
    }

    @Operation(operationId = "listAmendments", summary = "A consultation's amendments, optionally of one status, with supporters and decisions")
    @GetMapping
    Mono<List<AmendmentView>> list(CallerIdentity caller, @PathVariable String consultationId,
                                   @RequestParam(required = false) AmendmentStatus status) {
        return access.visible(caller, consultationId)
                .then(queries.query(new FindAmendmentsQuery(consultationId, status),
                        ResponseTypes.multipleInstancesOf(AmendmentView.class)));
    }

    @Operation(operationId = "getAmendment", summary = "One amendment")
    @GetMapping("/{amendmentId}")
    Mono<AmendmentView> get(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String amendmentId) {
        return access.visible(caller, consultationId)
                .then(found(queries.query(new FindAmendmentQuery(consultationId, amendmentId), ResponseTypes.optionalInstanceOf(AmendmentView.class)),
                        "No amendment " + amendmentId + " in this consultation."));
    }
}
