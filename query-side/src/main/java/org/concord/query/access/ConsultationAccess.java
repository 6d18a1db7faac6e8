package org.concord.query.access;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.consultation.Visibility;
import org.concord.query.consultation.query.ConsultationDetail;
import org.concord.query.shared.QueryRunner;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may read what: a RESTRICTED consultation, and everything in it, exists only for participants
 * and drafters; for anybody else it is a 404, exactly like an unknown id.
 */
@Component
public class ConsultationAccess {

    private final QueryRunner queries;

    public ConsultationAccess(QueryRunner queries) {
        this.queries = queries;
    }

    public static boolean seesRestricted(CallerIdentity caller) {
        return caller.hasAnyRole("PARTICIPANT", "DRAFTER");
    }

    /** The consultation, if the caller may see it; else a 404 problem. */
    public Mono<ConsultationDetail> visible(CallerIdentity caller, String consultationId) {
        return queries.query(new FindConsultationQuery(consultationId), ResponseTypes.optionalInstanceOf(ConsultationDetail.class))
                .flatMap(Mono::justOrEmpty)
                .filter(found -> found.visibility() == Visibility.PUBLIC || seesRestricted(caller))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("No consultation " + consultationId + " exists.")));
    }
}
