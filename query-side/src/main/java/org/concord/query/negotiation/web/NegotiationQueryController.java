package org.concord.query.negotiation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.negotiation.query.BracketView;
import org.concord.query.negotiation.query.CompromiseView;
import org.concord.query.negotiation.query.NegotiationQueries.FindBracketQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindBracketsQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindCompromiseQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindCompromisesQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindSilenceProcedureQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindSilenceProceduresQuery;
import org.concord.query.negotiation.query.SilenceView;
import org.concord.query.shared.QueryRunner;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

import static org.concord.query.shared.QueryRunner.found;

/**
 * Reads a consultation's brackets, compromises and silence procedures; whoever may see the consultation may read them
 * (a RESTRICTED one's are a 404 for anybody else, like the consultation).
 */
@Tag(name = "Negotiation")
@RestController
@RequestMapping(path = "/api/consultations/{consultationId}", produces = MediaType.APPLICATION_JSON_VALUE)
class NegotiationQueryController {

    private final ConsultationAccess access;
    private final QueryRunner queries;

    NegotiationQueryController(ConsultationAccess access, QueryRunner queries) {
        this.access = access;
        this.queries = queries;
    }

    @Operation(operationId = "listBrackets", summary = "Every bracket, unresolved and resolved, in the order they were made")
    @GetMapping("/brackets")
    Mono<List<BracketView>> brackets(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId)
                .then(queries.query(new FindBracketsQuery(consultationId), ResponseTypes.multipleInstancesOf(BracketView.class)));
    }

    @Operation(operationId = "getBracket", summary = "One bracket, with its resolution once resolved")
    @GetMapping("/brackets/{bracketId}")
    Mono<BracketView> bracket(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String bracketId) {
        return access.visible(caller, consultationId)
                .then(found(queries.query(new FindBracketQuery(consultationId, bracketId), ResponseTypes.optionalInstanceOf(BracketView.class)),
                        "No bracket " + bracketId + " in this consultation."));
    }

    @Operation(operationId = "listCompromises", summary = "The chair's compromises, oldest first, with each party's answer")
    @GetMapping("/compromises")
    Mono<List<CompromiseView>> compromises(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId)
                .then(queries.query(new FindCompromisesQuery(consultationId), ResponseTypes.multipleInstancesOf(CompromiseView.class)));
    }

    @Operation(operationId = "getCompromise", summary = "One compromise")
    @GetMapping("/compromises/{compromiseId}")
    Mono<CompromiseView> compromise(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String compromiseId) {
        return access.visible(caller, consultationId)
                .then(found(queries.query(new FindCompromiseQuery(consultationId, compromiseId), ResponseTypes.optionalInstanceOf(CompromiseView.class)),
                        "No compromise " + compromiseId + " in this consultation."));
    }

    @Operation(operationId = "listSilenceProcedures", summary = "The silence procedures, oldest first: running, broken or completed")
    @GetMapping("/silence")
    Mono<List<SilenceView>> silenceProcedures(CallerIdentity caller, @PathVariable String consultationId) {
        return access.visible(caller, consultationId)
                .then(queries.query(new FindSilenceProceduresQuery(consultationId), ResponseTypes.multipleInstancesOf(SilenceView.class)));
    }

    @Operation(operationId = "getSilenceProcedure", summary = "One silence procedure")
    @GetMapping("/silence/{procedureId}")
    Mono<SilenceView> silenceProcedure(CallerIdentity caller, @PathVariable String consultationId, @PathVariable String procedureId) {
        return access.visible(caller, consultationId)
                .then(found(queries.query(new FindSilenceProcedureQuery(consultationId, procedureId), ResponseTypes.optionalInstanceOf(SilenceView.class)),
                        "No silence procedure " + procedureId + " in this consultation."));
    }
}
