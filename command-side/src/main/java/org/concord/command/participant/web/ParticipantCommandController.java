package org.concord.command.participant.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import org.concord.command.dispatch.Actors;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.dispatch.NewIds;
import org.concord.messages.participant.RegisterParticipantCommand;
import org.concord.messages.participant.RevokeParticipantCommand;
import org.concord.web.idempotency.IdempotentRequest;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.TokenHash;
import org.concord.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;

/** Administrators register delegates, with a credential shown once, and revoke them. */
@Tag(name = "Participants")
@RestController
@RequestMapping(path = "/api/participants", produces = MediaType.APPLICATION_JSON_VALUE)
class ParticipantCommandController {

    private final CommandDispatcher commands;
    private final JsonMapper json;

    ParticipantCommandController(CommandDispatcher commands, JsonMapper json) {
        this.commands = commands;
        this.json = json;
    }

    @Operation(operationId = "registerParticipant", summary = "Register a participant (administrator); the token is shown only in this answer",
            responses = @ApiResponse(responseCode = "201", description = "Registered; Location is the participant", useReturnTypeSchema = true))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ParticipantRegistered>> register(CallerIdentity caller, NewIds ids, ServerWebExchange exchange,
                                                         @Valid @RequestBody Mono<RegisterParticipantRequest> body) {
        caller.requireAnyRole("ADMIN");
        return body.flatMap(request -> {
            String participantId = ids.next();
            String token = TokenHash.newToken();
            RegisterParticipantCommand command = new RegisterParticipantCommand(participantId, request.organisation(),
                    request.stakeholderType(), request.country(), request.displayName(), request.roles(),
                    TokenHash.of(token), Actors.of(caller));
            return commands.send(command).map(done -> {
                if (done.repeated()) {
                    // Only the token's hash is stored, so the first attempt's token cannot be shown again.
                    throw ProblemException.conflict("An earlier attempt with this Idempotency-Key registered participant "
                            + participantId + " but its answer was lost; its token cannot be shown again: revoke it and register anew.");
                }
                // a retry with the same Idempotency-Key gets this answer without the token: none is stored (issue #18)
                IdempotentRequest.keepInstead(exchange, json.writeValueAsBytes(new ParticipantRegistered(participantId, null, done.position())));
                return ResponseEntity.created(URI.create("/api/participants/" + participantId))
                        .body(new ParticipantRegistered(participantId, token, done.position()));
            });
        });
    }

    @Operation(operationId = "revokeParticipant", summary = "Revoke a participant's token at once (administrator)")
    @PostMapping("/{participantId}/revoke")
    Mono<Revoked> revoke(CallerIdentity caller, @PathVariable String participantId) {
        caller.requireAnyRole("ADMIN");
        return commands.dispatch(new RevokeParticipantCommand(participantId, Actors.of(caller)))
                .map(position -> new Revoked(participantId, true, position));
    }

    /** The answer to a registration: the only time the token is ever shown; null in the answer to a retry. */
    record ParticipantRegistered(String participantId, @Nullable String token, long position) {
    }

    /** The answer to a revocation. */
    record Revoked(String participantId, boolean revoked, long position) {
    }
}
