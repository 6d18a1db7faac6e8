package org.concord.query.consultation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.concord.messages.consultation.CountAmendmentsByConsultationQuery;
import org.concord.messages.consultation.CountCommentsByConsultationQuery;
import org.concord.messages.consultation.CountsByConsultation;
import org.concord.messages.consultation.FindConsultationsQuery;
import org.concord.messages.consultation.FindEndorsementsQuery;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.consultation.query.ConsultationDetail;
import org.concord.query.consultation.query.ConsultationSummary;
import org.concord.query.consultation.query.EndorsementView;
import org.concord.query.shared.QueryRunner;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/** Reads consultations and their endorsements; a RESTRICTED one does not exist for callers who may not see it. */
@Tag(name = "Consultations")
@RestController
@RequestMapping(path = "/api/consultations", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsultationQueryController {

    private final ConsultationAccess access;
    private final QueryRunner queries;

    ConsultationQueryController(ConsultationAccess access, QueryRunner queries) {
        this.access = access;
        this.queries = queries;
    }

    @Operation(operationId = "listConsultations", summary = "List the consultations the caller may see")
    @GetMapping
    Mono<List<ConsultationSummary>> list(CallerIdentity caller) {
        return Mono.zip(queries.query(new FindConsultationsQuery(ConsultationAccess.seesRestricted(caller)),
                                ResponseTypes.multipleInstancesOf(ConsultationSummary.class)),
                        queries.query(new CountCommentsByConsultationQuery(), ResponseTypes.instanceOf(CountsByConsultation.class)),
                        queries.query(new CountAmendmentsByConsultationQuery(), ResponseTypes.instanceOf(CountsByConsultation.class)))
                .map(found -> found.getT1().stream().map(summary -> summary.withCounts(
                        found.getT2().of(summary.consultationId()), found.getT3().of(summary.consultationId()))).toList());
    }

    @Operation(operationId = "getConsultation", summary = "A consultation with its round and current provisions")
    @GetMapping("/{consultationId}")
    Mono<ConsultationDetail> get(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId);
    }

    @Operation(operationId = "listEndorsements", summary = "The organisations that endorsed an adopted consultation")
    @GetMapping("/{consultationId}/endorsements")
    Mono<List<EndorsementView>> endorsements(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId)
                .then(queries.query(new FindEndorsementsQuery(consultationId), ResponseTypes.multipleInstancesOf(EndorsementView.class)));
    }
}
