package org.concord.query.participant.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.concord.messages.participant.FindParticipantsQuery;
import org.concord.query.participant.query.ParticipantView;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;

/** The participant registry, and the caller's own record. */
@Tag(name = "Participants")
@RestController
class ParticipantQueryController {

    private final QueryGateway queries;

    ParticipantQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(operationId = "listParticipants", summary = "List the registered participants")
    @GetMapping(path = "/api/participants", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<ParticipantView>> list() {
        return Mono.fromFuture(() -> queries.query(new FindParticipantsQuery(),
                        ResponseTypes.multipleInstancesOf(ParticipantView.class)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Answered from the identity the gateway authenticated, so it is right from the first request on. */
    @Operation(operationId = "me", summary = "The caller's own participant record (any token)")
    @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CallerIdentity> me(CallerIdentity caller) {
        if (caller.isAnonymous()) {
            return Mono.error(ProblemException.unauthenticated("Send a token: Authorization: Bearer <token>."));
        }
        return Mono.just(caller);
    }
}
