package org.concord.command.negotiation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.concord.command.dispatch.Actors;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.dispatch.NewIds;
import org.concord.messages.negotiation.BreakSilenceCommand;
import org.concord.messages.negotiation.StartSilenceProcedureCommand;
import org.concord.messages.participant.StakeholderType;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

/** The silence procedure: a drafter puts the text or a provision under silence until a deadline; a participant breaks it. */
@Tag(name = "Negotiation")
@RestController
@RequestMapping(path = "/api/consultations/{consultationId}/silence", produces = MediaType.APPLICATION_JSON_VALUE)
class SilenceCommandController {

    private final CommandDispatcher commands;

    SilenceCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(operationId = "startSilenceProcedure", summary = "Put the text or one provision under silence until a local deadline "
            + "in a time zone (drafter)",
            responses = @ApiResponse(responseCode = "201", description = "Started; Location is the procedure", useReturnTypeSchema = true))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Started>> start(CallerIdentity caller, NewIds ids, @PathVariable String consultationId,
                                        @Valid @RequestBody Mono<NegotiationRequests.StartSilence> body) {
        caller.requireAnyRole("DRAFTER");
        String procedureId = ids.next();
        return body.flatMap(request -> {
            SilenceDeadline deadline = SilenceDeadline.parse(request.deadline(), request.timeZone());
            Set<StakeholderType> breakableBy = request.breakableBy() == null ? Set.of(StakeholderType.STATE) : request.breakableBy();
            return commands.dispatch(new StartSilenceProcedureCommand(consultationId, procedureId, request.provisionId(),
                            deadline.instant(), deadline.timeZone(), breakableBy, Actors.of(caller)))
                    .map(position -> ResponseEntity
                            .created(URI.create("/api/consultations/" + consultationId + "/silence/" + procedureId))
                            .body(new Started(procedureId, deadline.instant(), deadline.timeZone(), position)));
        });
    }

    @Operation(operationId = "breakSilence", summary = "Break the running silence procedure, with a reason (a participant of a type "
            + "that may)")
    @PostMapping(path = "/current/break", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Broken> breakSilence(CallerIdentity caller, @PathVariable String consultationId,
                              @Valid @RequestBody Mono<NegotiationRequests.Reason> body) {
        caller.requireAnyRole("PARTICIPANT");
        return body.flatMap(request -> commands.send(new BreakSilenceCommand(consultationId, request.reason(), Actors.of(caller))))
                .map(done -> new Broken((String) done.result(), done.position()));
    }

    /** The answer to a start: the deadline as an instant (UTC) and the zone it was set in. */
    record Started(String procedureId, Instant deadline, String timeZone, long position) {
    }

    /** The answer to a break: the procedure broken. */
    record Broken(String procedureId, long position) {
    }
}
