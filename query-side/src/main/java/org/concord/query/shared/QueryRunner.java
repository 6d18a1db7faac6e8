package org.concord.query.shared;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.concord.web.problem.ProblemException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;

/** Runs a query on Axon's query bus, off the event loop: how every read endpoint asks a projection. */
@Component
public class QueryRunner {

    private final QueryGateway queries;

    public QueryRunner(QueryGateway queries) {
        this.queries = queries;
    }

    /** The projection's answer to {@code query}, as {@code type}. */
    public <T> Mono<T> query(Object query, ResponseType<T> type) {
        return Mono.fromFuture(() -> queries.query(query, type)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * What a query for one thing ({@code ResponseTypes.optionalInstanceOf}) found; a 404 problem saying {@code notFound}
     * when it found none.
     */
    public static <T> Mono<T> found(Mono<Optional<T>> answer, String notFound) {
        return answer.flatMap(Mono::justOrEmpty).switchIfEmpty(Mono.error(() -> ProblemException.notFound(notFound)));
    }
}
