package org.concord.command.negotiation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.concord.command.dispatch.Actors;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.dispatch.NewIds;
import org.concord.messages.negotiation.AcceptCompromiseCommand;
import org.concord.messages.negotiation.ConsentToCompromiseCommand;
import org.concord.messages.negotiation.ObjectToCompromiseCommand;
import org.concord.messages.negotiation.ProposeCompromiseCommand;
import org.concord.messages.negotiation.WithdrawCompromiseCommand;
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
import java.util.List;

/** The chair's compromise: a drafter proposes, accepts or withdraws it; the parties consent or object. */
@Tag(name = "Negotiation")
@RestController
@RequestMapping(path = "/api/consultations/{consultationId}/compromises", produces = MediaType.APPLICATION_JSON_VALUE)
class CompromiseCommandController {

    private final CommandDispatcher commands;

    CompromiseCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(operationId = "proposeCompromise", summary = "Propose a compromise wording merging 2 to 20 pending amendments (drafter)",
            responses = @ApiResponse(responseCode = "201", description = "Proposed; Location is the compromise", useReturnTypeSchema = true))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Proposed>> propose(CallerIdentity caller, NewIds ids, @PathVariable String consultationId,
                                           @Valid @RequestBody Mono<NegotiationRequests.ProposeCompromise> body) {
        caller.requireAnyRole("DRAFTER");
        String compromiseId = ids.next();
        return body.flatMap(request -> commands.send(new ProposeCompromiseCommand(consultationId, compromiseId, request.provisionId(),
                        request.text(), request.amendmentIds(), request.deadline(), request.note(), Actors.of(caller))))
                .map(done -> ResponseEntity
                        .created(URI.create("/api/consultations/" + consultationId + "/compromises/" + compromiseId))
                        .body(new Proposed(compromiseId, parties(done.result()), done.position())));
    }

    @Operation(operationId = "consentToCompromise", summary = "Consent to a compromise (a participant of a party, once, before its deadline)")
    @PostMapping("/{compromiseId}/consent")
    Mono<Answered> consent(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String compromiseId) {
        caller.requireAnyRole("PARTICIPANT");
        return commands.dispatch(new ConsentToCompromiseCommand(consultationId, compromiseId, Actors.of(caller)))
                .map(position -> new Answered(compromiseId, position));
    }

    @Operation(operationId = "objectToCompromise", summary = "Object to a compromise, with a reason (a participant of a party)")
    @PostMapping(path = "/{compromiseId}/object", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Answered> object(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String compromiseId,
                          @Valid @RequestBody Mono<NegotiationRequests.Reason> body) {
        caller.requireAnyRole("PARTICIPANT");
        return body.flatMap(request -> commands.dispatch(new ObjectToCompromiseCommand(consultationId, compromiseId, request.reason(),
                        Actors.of(caller))))
                .map(position -> new Answered(compromiseId, position));
    }

    @Operation(operationId = "acceptCompromise", summary = "Accept a compromise (drafter); makes a new version, its amendments MERGED")
    @PostMapping(path = "/{compromiseId}/accept", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Accepted> accept(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String compromiseId,
                          @Valid @RequestBody Mono<NegotiationRequests.Reason> body) {
        caller.requireAnyRole("DRAFTER");
        return body.flatMap(request -> commands.send(new AcceptCompromiseCommand(consultationId, compromiseId, request.reason(),
                        Actors.of(caller))))
                .map(done -> new Accepted(compromiseId, (Integer) done.result(), done.position()));
    }

    @Operation(operationId = "withdrawCompromise", summary = "Withdraw a pending compromise, with a reason (drafter)")
    @PostMapping(path = "/{compromiseId}/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Answered> withdraw(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String compromiseId,
                            @Valid @RequestBody Mono<NegotiationRequests.Reason> body) {
        caller.requireAnyRole("DRAFTER");
        return body.flatMap(request -> commands.dispatch(new WithdrawCompromiseCommand(consultationId, compromiseId, request.reason(),
                        Actors.of(caller))))
                .map(position -> new Answered(compromiseId, position));
    }

    /** The parties the aggregate answered; an answer replayed from an earlier commit under the same key carries them too. */
    @SuppressWarnings("unchecked")
    private static List<String> parties(Object result) {
        return result instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** The answer to a proposal: who must answer it. */
    record Proposed(String compromiseId, List<String> parties, long position) {
    }

    /** The answer to a consent, an objection or a withdrawal. */
    record Answered(String compromiseId, long position) {
    }

    /** The answer to an acceptance: the version it made. */
    record Accepted(String compromiseId, int version, long position) {
    }
}
