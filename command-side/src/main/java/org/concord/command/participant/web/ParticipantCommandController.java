package org.concord.command.participant.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

import java.net.URI;

/** Administrators register delegates, with a credential shown once, and revoke them. */
@Tag(name = "Participants")
@RestController
@RequestMapping(path = "/api/participants", produces = MediaType.APPLICATION_JSON_VALUE)
class ParticipantCommandController {

    private final CommandDispatcher commands;

    ParticipantCommandController(CommandDispatcher commands) {
        this.commands = commands;
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
                // the answer kept for retries with the same Idempotency-Key must not hold the token (issue #18)
                IdempotentRequest.withholdFromRetries(exchange, "token");
                return ResponseEntity.created(URI.create("/api/participants/" + participantId))
                        .body(new ParticipantRegistered(participantId, token, done.position(), false));
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

    /**
     * The answer to a registration: the only time the token is ever shown. The answer to a retry with the same
     * {@code Idempotency-Key} has no token and {@code tokenWithheld} true: no copy of the token is kept to give it.
     */
    record ParticipantRegistered(String participantId,
                                 @Schema(description = "The participant's token; absent from the answer to a retry") String token,
                                 long position,
                                 @Schema(description = "True in the answer to a retry with the same Idempotency-Key, which has no token")
                                 boolean tokenWithheld) {
    }

    /** The answer to a revocation. */
    record Revoked(String participantId, boolean revoked, long position) {
    }
}
