package org.concord.command.negotiation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.concord.command.dispatch.Actors;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.messages.negotiation.ResolveBracketCommand;
import org.concord.messages.negotiation.SupportAlternativeCommand;
import org.concord.messages.negotiation.WithdrawAlternativeSupportCommand;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Participants support a bracket's alternatives; a drafter resolves the bracket, which makes a new version. */
@Tag(name = "Negotiation")
@RestController
@RequestMapping(path = "/api/consultations/{consultationId}/brackets/{bracketId}", produces = MediaType.APPLICATION_JSON_VALUE)
class BracketCommandController {

    private final CommandDispatcher commands;

    BracketCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(operationId = "supportAlternative", summary = "Support one of a bracket's alternatives (participant)")
    @PostMapping("/alternatives/{alternativeId}/support")
    Mono<Supported> support(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String bracketId,
                            @PathVariable String alternativeId) {
        caller.requireAnyRole("PARTICIPANT");
        return commands.dispatch(new SupportAlternativeCommand(consultationId, bracketId, alternativeId, Actors.of(caller)))
                .map(position -> new Supported(bracketId, alternativeId, position));
    }

    @Operation(operationId = "withdrawAlternativeSupport", summary = "Withdraw one's support of an alternative")
    @DeleteMapping("/alternatives/{alternativeId}/support")
    Mono<Supported> withdrawSupport(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String bracketId,
                                    @PathVariable String alternativeId) {
        caller.requireAnyRole("PARTICIPANT");
        return commands.dispatch(new WithdrawAlternativeSupportCommand(consultationId, bracketId, alternativeId, Actors.of(caller)))
                .map(position -> new Supported(bracketId, alternativeId, position));
    }

    @Operation(operationId = "resolveBracket", summary = "Resolve a bracket with one of its alternatives or a new wording (drafter); "
            + "makes a new version")
    @PostMapping(path = "/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Resolved> resolve(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String bracketId,
                           @Valid @RequestBody Mono<NegotiationRequests.Resolve> body) {
        caller.requireAnyRole("DRAFTER");
        return body.flatMap(request -> commands.send(new ResolveBracketCommand(consultationId, bracketId, request.alternativeId(),
                        request.text(), request.reason(), Actors.of(caller))))
                .map(done -> new Resolved(bracketId, (Integer) done.result(), done.position()));
    }

    /** The answer to a support or its withdrawal. */
    record Supported(String bracketId, String alternativeId, long position) {
    }

    /** The answer to a resolution: the version it made. */
    record Resolved(String bracketId, int version, long position) {
    }
}
