package org.concord.command.consultation.web;

import jakarta.validation.Valid;
import org.concord.command.dispatch.Actors;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.CreateConsultationCommand;
import org.concord.messages.consultation.Provision;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Creates consultations: a drafter's start as DRAFT, a participant's proposal as PROPOSED. */
@RestController
@RequestMapping(path = "/api/consultations", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsultationCommandController {

    private final CommandDispatcher commands;

    ConsultationCommandController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ConsultationCreated>> create(CallerIdentity caller, @Valid @RequestBody Mono<CreateConsultationRequest> body) {
        caller.requireAnyRole("DRAFTER", "PARTICIPANT");
        return body.flatMap(request -> create(caller, request));
    }

    private Mono<ResponseEntity<ConsultationCreated>> create(CallerIdentity caller, CreateConsultationRequest request) {
        ConsultationStatus status = caller.hasAnyRole("DRAFTER") ? ConsultationStatus.DRAFT : ConsultationStatus.PROPOSED;
        String consultationId = UUID.randomUUID().toString();
        List<Provision> provisions = request.provisions().stream()
                .map(p -> new Provision(UUID.randomUUID().toString(), p.label(), p.text()))
                .toList();
        CreateConsultationCommand command = new CreateConsultationCommand(consultationId, request.title(),
                request.summary(), request.visibility(), provisions, status, Actors.of(caller));
        return commands.dispatch(command).map(position -> ResponseEntity
                .created(URI.create("/api/consultations/" + consultationId))
                .body(new ConsultationCreated(consultationId, 1, position)));
    }

    /** The answer to a created consultation. */
    record ConsultationCreated(String consultationId, int version, long position) {
    }
}
