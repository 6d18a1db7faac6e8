package org.concord.workspace.amendment;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.api.Written;
import org.concord.workspace.form.FormKey;
import org.concord.workspace.form.Forms;
import org.concord.workspace.form.Writes;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The amendment's buttons on the text page and on a provision's page: support it, withdraw one's support, withdraw
 * one's own amendment (after a confirmation page). Each answers 303 to the amendment on the page its button was on
 * (the withdrawal: through its confirmation page) with a notice saying what happened, or why nothing did ({@code ?notice=}).
 */
@Controller
class SupportController {

    private final GatewayApi api;
    private final Writes writes;

    SupportController(GatewayApi api, Writes writes) {
        this.api = api;
        this.writes = writes;
    }

    @PostMapping("/consultations/{consultationId}/amendments/{amendmentId}/support")
    Mono<Rendering> support(@PathVariable String consultationId, @PathVariable String amendmentId, ServerWebExchange exchange, Caller caller) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(back(consultationId, amendmentId, null)));
        }
        return exchange.getFormData().flatMap(data -> outcome(consultationId, amendmentId, data.getFirst(ConsultationNav.FROM_PROVISION), "supported",
                writes.post(exchange, caller, uri -> uri.path("/api/consultations/{id}/amendments/{a}/support").build(consultationId, amendmentId),
                        null, FormKey.sent(data.getFirst(FormKey.FIELD))), "already-supported"));
    }

    @PostMapping("/consultations/{consultationId}/amendments/{amendmentId}/unsupport")
    Mono<Rendering> unsupport(@PathVariable String consultationId, @PathVariable String amendmentId, ServerWebExchange exchange, Caller caller) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(back(consultationId, amendmentId, null)));
        }
        return exchange.getFormData().flatMap(data -> outcome(consultationId, amendmentId, data.getFirst(ConsultationNav.FROM_PROVISION), "unsupported",
                writes.delete(exchange, caller, uri -> uri.path("/api/consultations/{id}/amendments/{a}/support").build(consultationId, amendmentId)),
                "not-supporting"));
    }

    /** The confirmation page: withdrawing cannot be undone. */
    @GetMapping("/consultations/{consultationId}/amendments/{amendmentId}/withdraw")
    Mono<Rendering> confirmWithdrawal(@PathVariable String consultationId, @PathVariable String amendmentId,
                                      @RequestParam(name = ConsultationNav.FROM_PROVISION, required = false) String fromProvision,
                                      ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "PARTICIPANT");
        Mono<ApiAmendments.Detail> detail = api.get(caller, uri -> uri.path("/api/consultations/{id}").build(consultationId), ApiAmendments.Detail.class);
        Mono<ApiAmendments.Amendment> amendment = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/amendments/{a}").build(consultationId, amendmentId), ApiAmendments.Amendment.class);
        return Mono.zip(detail, amendment).map(both -> {
            ApiAmendments.Detail consultation = both.getT1();
            ApiAmendments.Amendment proposed = both.getT2();
            ApiAmendments.Provision provision = consultation.provision(proposed.provisionId());
            ConsultationNav nav = ConsultationNav.of(consultationId, consultation.title(), consultation.status(), "text", formats);
            return Rendering.view("amendment-withdraw").modelAttribute("nav", nav)
                    .modelAttribute("page", new WithdrawalPage(formats.message("amendment.withdraw.heading",
                            provision == null ? "?" : provision.label()), proposed.text() == null ? "" : proposed.text(),
                            proposed.justification(), FormKey.fresh(), back(consultationId, amendmentId, fromProvision, null),
                            "/consultations/" + consultationId + "/amendments/" + amendmentId + "/withdraw",
                            caller.person().participantId().equals(proposed.author() == null ? null : proposed.author().participantId()),
                            fromProvision == null || fromProvision.isBlank() ? null : fromProvision))
                    .build();
        });
    }

    @PostMapping("/consultations/{consultationId}/amendments/{amendmentId}/withdraw")
    Mono<Rendering> withdraw(@PathVariable String consultationId, @PathVariable String amendmentId, ServerWebExchange exchange, Caller caller) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(back(consultationId, amendmentId, null)));
        }
        return exchange.getFormData().flatMap(data -> outcome(consultationId, amendmentId, data.getFirst(ConsultationNav.FROM_PROVISION), "withdrawn",
                writes.post(exchange, caller, uri -> uri.path("/api/consultations/{id}/amendments/{a}/withdraw").build(consultationId, amendmentId),
                        null, FormKey.sent(data.getFirst(FormKey.FIELD))), "not-pending"));
    }

    /**
     * Back to the amendment, on the page the button was on ({@code provisionId}: a provision's page, else the text
     * page), with what happened: {@code done}, or for a refusal the reason (403: one's own amendment, or another's to
     * withdraw; 409: {@code conflict}, or the consultation is not open); other refusals are pages.
     */
    private static Mono<Rendering> outcome(String consultationId, String amendmentId, String provisionId, String done,
                                           Mono<Written> write, String conflict) {
        return write.map(written -> Forms.seeOther(back(consultationId, amendmentId, provisionId, done)))
                .onErrorResume(ApiProblem.class, problem -> switch (problem.status()) {
                    case 403 -> Mono.just(Forms.seeOther(back(consultationId, amendmentId, provisionId, "own-amendment")));
                    case 409 -> Mono.just(Forms.seeOther(back(consultationId, amendmentId, provisionId,
                            conflictNotice(problem.detail(), conflict))));
                    default -> Mono.error(problem);
                });
    }

    /** The API's 409 sentence as a notice: no round open or deadline passed, not pending any more, or {@code otherwise}. */
    static String conflictNotice(String detail, String otherwise) {
        String sentence = detail == null ? "" : detail;
        if (sentence.contains("round")) {
            return "not-open";
        }
        return sentence.contains("only a PROPOSED") ? "not-pending" : otherwise;
    }

    private static String back(String consultationId, String amendmentId, String notice) {
        return back(consultationId, amendmentId, null, notice);
    }

    /** The amendment on a provision's page when {@code provisionId} is given (one path segment), else on the text page. */
    static String back(String consultationId, String amendmentId, String provisionId, String notice) {
        return ConsultationNav.pageFrom(consultationId, provisionId) + (notice == null ? "" : "?notice=" + notice) + "#a-" + amendmentId;
    }

    /**
     * The confirmation of a withdrawal: what is withdrawn, and whether it is the reader's to withdraw; opened from a
     * provision's page ({@code fromProvision}, else null), it leads back there.
     */
    record WithdrawalPage(String heading, String text, String justification, String formKey, String backHref, String actionPath,
                          boolean own, String fromProvision) {
    }
}
