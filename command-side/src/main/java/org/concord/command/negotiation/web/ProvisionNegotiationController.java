package org.concord.command.negotiation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.concord.command.dispatch.Actors;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.dispatch.NewIds;
import org.concord.messages.negotiation.AgreeAdReferendumCommand;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.BracketTextCommand;
import org.concord.messages.negotiation.ConfirmAdReferendumCommand;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.SetProvisionStatusCommand;
import org.concord.messages.negotiation.WithdrawAdReferendumCommand;
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

/** A provision's negotiation: drafters set its status and bracket passages of it; delegations agree to it ad referendum. */
@Tag(name = "Negotiation")
@RestController
@RequestMapping(path = "/api/consultations/{consultationId}/provisions/{provisionId}", produces = MediaType.APPLICATION_JSON_VALUE)
class ProvisionNegotiationController {

    private final CommandDispatcher commands;

    ProvisionNegotiationController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(operationId = "setProvisionStatus", summary = "Set a provision's status: OPEN, AGREED_AD_REF or AGREED (drafter)")
    @PostMapping(path = "/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<StatusSet> setStatus(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String provisionId,
                              @Valid @RequestBody Mono<NegotiationRequests.SetStatus> body) {
        caller.requireAnyRole("DRAFTER");
        return body.flatMap(request -> commands.dispatch(new SetProvisionStatusCommand(consultationId, provisionId, request.status(),
                        request.reason(), Actors.of(caller)))
                .map(position -> new StatusSet(provisionId, request.status(), position)));
    }

    @Operation(operationId = "bracketText", summary = "Bracket words [start, end) of a provision, with 0 or 2 to 5 alternatives (drafter)",
            responses = @ApiResponse(responseCode = "201", description = "Bracketed; Location is the bracket", useReturnTypeSchema = true))
    @PostMapping(path = "/brackets", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Bracketed>> bracket(CallerIdentity caller, NewIds ids, @PathVariable String consultationId,
                                            @PathVariable String provisionId, @Valid @RequestBody Mono<NegotiationRequests.Bracket> body) {
        caller.requireAnyRole("DRAFTER");
        String bracketId = ids.next();
        return body.flatMap(request -> {
            List<Alternative> alternatives = request.alternatives() == null ? List.of() : request.alternatives().stream()
                    .map(alternative -> new Alternative(ids.next(), alternative.text(), alternative.sponsors()))
                    .toList();
            return commands.dispatch(new BracketTextCommand(consultationId, bracketId, provisionId, request.version(),
                            request.start(), request.end(), alternatives, request.note(), Actors.of(caller)))
                    .map(position -> ResponseEntity
                            .created(URI.create("/api/consultations/" + consultationId + "/brackets/" + bracketId))
                            .body(new Bracketed(bracketId, alternatives.stream().map(Alternative::alternativeId).toList(), position)));
        });
    }

    @Operation(operationId = "agreeAdReferendum", summary = "Agree to a provision ad referendum (a delegation's participant)",
            responses = @ApiResponse(responseCode = "201", description = "Agreed, pending confirmation", useReturnTypeSchema = true))
    @PostMapping(path = "/ad-referendum")
    Mono<ResponseEntity<AdReferendum>> agreeAdReferendum(CallerIdentity caller, @PathVariable String consultationId,
                                                         @PathVariable String provisionId,
                                                         @Valid @RequestBody(required = false) Mono<NegotiationRequests.AgreeAdReferendum> body) {
        caller.requireAnyRole("PARTICIPANT");
        return body.defaultIfEmpty(new NegotiationRequests.AgreeAdReferendum(null))
                .flatMap(request -> commands.dispatch(new AgreeAdReferendumCommand(consultationId, provisionId, request.note(),
                        Actors.of(caller))))
                .map(position -> ResponseEntity.status(201).body(new AdReferendum(provisionId, caller.organisation(), position)));
    }

    @Operation(operationId = "confirmAdReferendum", summary = "Confirm one's delegation's ad referendum agreement to a provision")
    @PostMapping("/ad-referendum/confirm")
    Mono<AdReferendum> confirmAdReferendum(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String provisionId) {
        caller.requireAnyRole("PARTICIPANT");
        return commands.dispatch(new ConfirmAdReferendumCommand(consultationId, provisionId, Actors.of(caller)))
                .map(position -> new AdReferendum(provisionId, caller.organisation(), position));
    }

    @Operation(operationId = "withdrawAdReferendum", summary = "Withdraw one's delegation's pending ad referendum agreement, with a reason")
    @PostMapping(path = "/ad-referendum/withdraw", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<AdReferendum> withdrawAdReferendum(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String provisionId,
                                            @Valid @RequestBody Mono<NegotiationRequests.Reason> body) {
        caller.requireAnyRole("PARTICIPANT");
        return body.flatMap(request -> commands.dispatch(new WithdrawAdReferendumCommand(consultationId, provisionId, request.reason(),
                        Actors.of(caller))))
                .map(position -> new AdReferendum(provisionId, caller.organisation(), position));
    }

    /** The answer to a status change. */
    record StatusSet(String provisionId, ProvisionStatus status, long position) {
    }

    /** The answer to a bracketing: the bracket's id and its alternatives' ids, in order (Alt 1 first). */
    record Bracketed(String bracketId, List<String> alternativeIds, long position) {
    }

    /** The answer to an ad referendum agreement, confirmation or withdrawal. */
    record AdReferendum(String provisionId, String organisation, long position) {
    }
}
