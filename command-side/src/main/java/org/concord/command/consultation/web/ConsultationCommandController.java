package org.concord.command.consultation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.concord.command.dispatch.Actors;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.dispatch.NewIds;
import org.concord.messages.consultation.AdoptConsultationCommand;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.CloseRoundCommand;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.CreateConsultationCommand;
import org.concord.messages.consultation.EndorseConsultationCommand;
import org.concord.messages.consultation.OpenRoundCommand;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.ReviseTextCommand;
import org.concord.messages.consultation.TextChange;
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

/**
 * A consultation's lifecycle: created by a drafter (DRAFT) or proposed by a participant (PROPOSED),
 * rounds opened and closed, revised between rounds, adopted, endorsed.
 */
@Tag(name = "Consultations")
@RestController
@RequestMapping(path = "/api/consultations", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsultationCommandController {

    private final CommandDispatcher commands;

    ConsultationCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(operationId = "createConsultation", summary = "Create a consultation: DRAFT by a drafter, PROPOSED by a participant",
            responses = @ApiResponse(responseCode = "201", description = "Created; Location is the consultation", useReturnTypeSchema = true))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ConsultationCreated>> create(CallerIdentity caller, NewIds ids, @Valid @RequestBody Mono<CreateConsultationRequest> body) {
        caller.requireAnyRole("DRAFTER", "PARTICIPANT");
        return body.flatMap(request -> create(caller, ids, request));
    }

    private Mono<ResponseEntity<ConsultationCreated>> create(CallerIdentity caller, NewIds ids, CreateConsultationRequest request) {
        ConsultationStatus status = caller.hasAnyRole("DRAFTER") ? ConsultationStatus.DRAFT : ConsultationStatus.PROPOSED;
        String consultationId = ids.next();
        List<Provision> provisions = request.provisions().stream()
                .map(p -> new Provision(ids.next(), p.label(), p.text()))
                .toList();
        CreateConsultationCommand command = new CreateConsultationCommand(consultationId, request.title(),
                request.summary(), request.visibility(), provisions, status, Actors.of(caller));
        return commands.dispatch(command).map(position -> ResponseEntity
                .created(URI.create("/api/consultations/" + consultationId))
                .body(new ConsultationCreated(consultationId, 1, position)));
    }

    @Operation(operationId = "openRound", summary = "Open a round of amendments and comments until a deadline (drafter)",
            responses = @ApiResponse(responseCode = "201", description = "Opened; the status becomes OPEN", useReturnTypeSchema = true))
    @PostMapping(path = "/{consultationId}/rounds", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RoundChanged>> openRound(CallerIdentity caller, @PathVariable String consultationId,
                                                 @Valid @RequestBody Mono<ConsultationRequests.OpenRound> body) {
        caller.requireAnyRole("DRAFTER");
        return body.flatMap(request -> commands.send(new OpenRoundCommand(consultationId, request.deadline(), Actors.of(caller))))
                .map(done -> ResponseEntity.created(URI.create("/api/consultations/" + consultationId))
                        .body(new RoundChanged((Integer) done.result(), ConsultationStatus.OPEN, done.position())));
    }

    @Operation(operationId = "closeRound", summary = "Close the current round (drafter); the status becomes CLOSED")
    @PostMapping("/{consultationId}/rounds/current/close")
    Mono<RoundChanged> closeRound(CallerIdentity caller, @PathVariable String consultationId) {
        caller.requireAnyRole("DRAFTER");
        return commands.send(new CloseRoundCommand(consultationId, Actors.of(caller)))
                .map(done -> new RoundChanged((Integer) done.result(), ConsultationStatus.CLOSED, done.position()));
    }

    @Operation(operationId = "reviseConsultation", summary = "Revise the text between rounds (drafter), against the current version",
            responses = @ApiResponse(responseCode = "201", description = "Revised; Location is the new version", useReturnTypeSchema = true))
    @PostMapping(path = "/{consultationId}/revisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<NewVersion>> revise(CallerIdentity caller, NewIds ids, @PathVariable String consultationId,
                                            @Valid @RequestBody Mono<ConsultationRequests.Revision> body) {
        caller.requireAnyRole("DRAFTER");
        return body.flatMap(request -> {
            List<TextChange> changes = request.changes().stream()
                    .map(c -> new TextChange(c.kind(), c.provisionId(),
                            c.kind() == ChangeKind.INSERT_AFTER ? ids.next() : null, c.label(), c.text()))
                    .toList();
            return commands.send(new ReviseTextCommand(consultationId, request.baseVersion(), request.reason(), changes,
                    Actors.of(caller)));
        }).map(done -> ResponseEntity.created(URI.create("/api/consultations/" + consultationId + "/versions/" + done.result()))
                .body(new NewVersion((Integer) done.result(), done.position())));
    }

    @Operation(operationId = "adoptConsultation", summary = "Adopt the consultation (drafter); its text is frozen. 409 while an amendment is PROPOSED")
    @PostMapping("/{consultationId}/adopt")
    Mono<Adopted> adopt(CallerIdentity caller, @PathVariable String consultationId) {
        caller.requireAnyRole("DRAFTER");
        return commands.send(new AdoptConsultationCommand(consultationId, Actors.of(caller)))
                .map(done -> new Adopted(ConsultationStatus.ADOPTED, (Integer) done.result(), done.position()));
    }

    @Operation(operationId = "endorseConsultation", summary = "Endorse an ADOPTED consultation, once per organisation (participant)",
            responses = @ApiResponse(responseCode = "201", description = "Endorsed", useReturnTypeSchema = true))
    @PostMapping("/{consultationId}/endorsements")
    Mono<ResponseEntity<Endorsed>> endorse(CallerIdentity caller, @PathVariable String consultationId) {
        caller.requireAnyRole("PARTICIPANT");
        return commands.dispatch(new EndorseConsultationCommand(consultationId, caller.country(), Actors.of(caller)))
                .map(position -> ResponseEntity.created(URI.create("/api/consultations/" + consultationId + "/endorsements"))
                        .body(new Endorsed(caller.organisation(), position)));
    }

    /** The answer to a created consultation. */
    record ConsultationCreated(String consultationId, int version, long position) {
    }

    /** The answer to an opened or closed round. */
    record RoundChanged(int round, ConsultationStatus status, long position) {
    }

    /** The answer to a revision. */
    record NewVersion(int version, long position) {
    }

    /** The answer to an adoption: the version adopted. */
    record Adopted(ConsultationStatus status, int version, long position) {
    }

    /** The answer to an endorsement. */
    record Endorsed(String organisation, long position) {
    }
}
