package org.concord.query.consultation.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.concord.messages.consultation.FindConsultationsQuery;
import org.concord.messages.consultation.FindEndorsementsQuery;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.consultation.query.ConsultationDetail;
import org.concord.query.consultation.query.ConsultationSummary;
import org.concord.query.consultation.query.EndorsementView;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

/** Reads consultations and their endorsements; a RESTRICTED one does not exist for callers who may not see it. */
@RestController
@RequestMapping(path = "/api/consultations", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsultationQueryController {

    private final ConsultationAccess access;

    ConsultationQueryController(ConsultationAccess access) {
        this.access = access;
    }

    @GetMapping
    Mono<List<ConsultationSummary>> list(CallerIdentity caller) {
        return access.query(new FindConsultationsQuery(ConsultationAccess.seesRestricted(caller)),
                ResponseTypes.multipleInstancesOf(ConsultationSummary.class));
    }

    @GetMapping("/{consultationId}")
    Mono<ConsultationDetail> get(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId);
    }

    @GetMapping("/{consultationId}/endorsements")
    Mono<List<EndorsementView>> endorsements(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId)
                .then(access.query(new FindEndorsementsQuery(consultationId), ResponseTypes.multipleInstancesOf(EndorsementView.class)));
    }
}
