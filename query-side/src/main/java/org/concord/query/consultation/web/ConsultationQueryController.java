package org.concord.query.consultation.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.consultation.FindConsultationsQuery;
import org.concord.messages.consultation.Visibility;
import org.concord.query.consultation.query.ConsultationDetail;
import org.concord.query.consultation.query.ConsultationSummary;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;

/** Reads consultations; a RESTRICTED one does not exist for callers who may not see it. */
@RestController
@RequestMapping(path = "/api/consultations", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsultationQueryController {

    private final QueryGateway queries;

    ConsultationQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    Mono<List<ConsultationSummary>> list(CallerIdentity caller) {
        return Mono.fromFuture(() -> queries.query(new FindConsultationsQuery(seesRestricted(caller)),
                ResponseTypes.multipleInstancesOf(ConsultationSummary.class)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/{consultationId}")
    Mono<ConsultationDetail> get(CallerIdentity caller, @PathVariable String consultationId) {
        return Mono.fromFuture(() -> queries.query(new FindConsultationQuery(consultationId),
                        ResponseTypes.optionalInstanceOf(ConsultationDetail.class)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                .filter(found -> found.visibility() == Visibility.PUBLIC || seesRestricted(caller))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("No consultation " + consultationId + " exists.")));
    }

    private static boolean seesRestricted(CallerIdentity caller) {
        return caller.hasAnyRole("PARTICIPANT", "DRAFTER");
    }
}
