package org.concord.query.readmodel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Administrators rebuild the read models from the event store and follow the rebuild's progress. */
@Tag(name = "Operations")
@RestController
@RequestMapping(path = "/api/admin/replay", produces = MediaType.APPLICATION_JSON_VALUE)
class ReplayController {

    private final ReadModelRebuild rebuild;

    ReplayController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Operation(operationId = "startReplay", summary = "Rebuild every read model from the event store; reads keep answering from the current state until it is done")
    @PostMapping
    Mono<ReadModelRebuild.RebuildStatus> start(CallerIdentity caller) {
        caller.requireAnyRole("ADMIN");
        return Mono.fromCallable(rebuild::start).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(operationId = "replayStatus", summary = "The state and progress of the latest rebuild")
    @GetMapping
    Mono<ReadModelRebuild.RebuildStatus> status(CallerIdentity caller) {
        caller.requireAnyRole("ADMIN");
        return Mono.fromCallable(rebuild::status).subscribeOn(Schedulers.boundedElastic());
    }
}
