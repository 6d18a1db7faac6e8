package org.concord.command.amendment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.concord.command.dispatch.Actors;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.dispatch.NewIds;
import org.concord.messages.amendment.AcceptAmendmentCommand;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.ProposeAmendmentCommand;
import org.concord.messages.amendment.RejectAmendmentCommand;
import org.concord.messages.amendment.SupportAmendmentCommand;
import org.concord.messages.amendment.WithdrawAmendmentCommand;
import org.concord.messages.amendment.WithdrawSupportCommand;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;

/** Participants propose, support and withdraw amendments; drafters accept or reject them. */
@Tag(name = "Amendments")
@RestController
@RequestMapping(path = "/api/consultations/{consultationId}/amendments", produces = MediaType.APPLICATION_JSON_VALUE)
class AmendmentCommandController {

    private final CommandDispatcher commands;

    AmendmentCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(operationId = "proposeAmendment", summary = "Propose an amendment to a provision while the round is OPEN (participant)",
            responses = @ApiResponse(responseCode = "201", description = "Proposed; Location is the amendment", useReturnTypeSchema = true))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Proposed>> propose(CallerIdentity caller, NewIds ids, @PathVariable String consultationId,
                                           @Valid @RequestBody Mono<AmendmentRequests.Propose> body) {
        caller.requireAnyRole("PARTICIPANT");
        String amendmentId = ids.next();
        return body.flatMap(request -> commands.dispatch(new ProposeAmendmentCommand(consultationId, amendmentId,
                        request.kind(), request.provisionId(), request.baseVersion(), request.text(), request.label(),
                        request.justification(), Actors.of(caller))))
                .map(position -> ResponseEntity
                        .created(URI.create("/api/consultations/" + consultationId + "/amendments/" + amendmentId))
                        .body(new Proposed(amendmentId, position)));
    }

    @Operation(operationId = "supportAmendment", summary = "Support an amendment (participant, not its author)")
    @PostMapping("/{amendmentId}/support")
    Mono<Changed> support(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String amendmentId) {
        caller.requireAnyRole("PARTICIPANT");
        return commands.dispatch(new SupportAmendmentCommand(consultationId, amendmentId, Actors.of(caller)))
                .map(position -> new Changed(amendmentId, AmendmentStatus.PROPOSED, position));
    }

    @Operation(operationId = "withdrawSupport", summary = "Withdraw one's support of an amendment")
    @DeleteMapping("/{amendmentId}/support")
    Mono<Changed> withdrawSupport(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String amendmentId) {
        caller.requireAnyRole("PARTICIPANT");
        return commands.dispatch(new WithdrawSupportCommand(consultationId, amendmentId, Actors.of(caller)))
                .map(position -> new Changed(amendmentId, AmendmentStatus.PROPOSED, position));
    }

    @Operation(operationId = "withdrawAmendment", summary = "Withdraw one's own amendment while it is PROPOSED")
    @PostMapping("/{amendmentId}/withdraw")
    Mono<Changed> withdraw(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String amendmentId) {
        caller.requireAnyRole("PARTICIPANT");
        return commands.dispatch(new WithdrawAmendmentCommand(consultationId, amendmentId, Actors.of(caller)))
                .map(position -> new Changed(amendmentId, AmendmentStatus.WITHDRAWN, position));
    }

    @Operation(operationId = "acceptAmendment", summary = "Accept an amendment (drafter), with modified text if given; makes a new version")
    @PostMapping(path = "/{amendmentId}/accept", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Accepted> accept(CallerIdentity caller, NewIds ids, @PathVariable String consultationId, @PathVariable String amendmentId,
                          @Valid @RequestBody Mono<AmendmentRequests.Accept> body) {
        caller.requireAnyRole("DRAFTER");
        return body.flatMap(request -> {
            boolean merged = request.text() != null && !request.text().isBlank();
            return commands.send(new AcceptAmendmentCommand(consultationId, amendmentId, request.reason(),
                            merged ? request.text() : null, ids.next(), Actors.of(caller)))
                    .map(done -> new Accepted(amendmentId,
                            merged ? AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS : AmendmentStatus.ACCEPTED,
                            (Integer) done.result(), done.position()));
        });
    }

    @Operation(operationId = "rejectAmendment", summary = "Reject an amendment with a reason (drafter)")
    @PostMapping(path = "/{amendmentId}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Changed> reject(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String amendmentId,
                         @Valid @RequestBody Mono<AmendmentRequests.Reject> body) {
        caller.requireAnyRole("DRAFTER");
        return body.flatMap(request -> commands.dispatch(new RejectAmendmentCommand(consultationId, amendmentId,
                        request.reason(), Actors.of(caller))))
                .map(position -> new Changed(amendmentId, AmendmentStatus.REJECTED, position));
    }

    /** The answer to a proposal. */
    record Proposed(String amendmentId, long position) {
    }

    /** The answer to a support, a withdrawal or a rejection. */
    record Changed(String amendmentId, AmendmentStatus status, long position) {
    }

    /** The answer to an acceptance: the version it made. */
    record Accepted(String amendmentId, AmendmentStatus status, int version, long position) {
    }
}
