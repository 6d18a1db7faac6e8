package org.concord.workspace.drafting;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.consultation.TrackedChanges;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.form.FormKey;
import org.concord.workspace.form.Forms;
import org.concord.workspace.form.Writes;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The drafters' decisions: the board of pending amendments, a decision on one (accept, reject, each with a
 * reason), the merge editor (accept with the drafter's wording, which a stale amendment needs), and one decision
 * on all of a provision's amendments (accept one and reject the others, or reject them all).
 */
@Controller
class DecisionsController {

    static final int MAX_REASON = 5_000;
    static final int MAX_TEXT = 20_000;
    private static final ParameterizedTypeReference<List<ApiDrafting.Amendment>> AMENDMENTS = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;
    private final Writes writes;

    DecisionsController(GatewayApi api, Writes writes) {
        this.api = api;
        this.writes = writes;
    }

    @GetMapping("/consultations/{consultationId}/decisions")
    Mono<Rendering> board(@PathVariable String consultationId, @RequestParam(required = false) String notice, ServerWebExchange exchange,
                          Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "DRAFTER");
        return board(caller, consultationId, formats, FormErrors.none(), Map.of(),
                "decided".equals(notice) ? formats.message("decisions.notice.decided") : null, HttpStatus.OK);
    }

    @PostMapping("/consultations/{consultationId}/decisions/{amendmentId}")
    Mono<Rendering> decide(@PathVariable String consultationId, @PathVariable String amendmentId, ServerWebExchange exchange,
                           Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/consultations/" + consultationId + "/decisions"));
        }
        return exchange.getFormData().flatMap(data -> {
            String decision = data.getFirst("decision");
            String reason = orEmpty(data.getFirst("reason"));
            String field = "reason-" + amendmentId;
            FormErrors errors = FormErrors.check(formats)
                    .required(field, reason, "decisions.error.reason").atMost(field, reason, MAX_REASON)
                    .when(!"accept".equals(decision) && !"reject".equals(decision), field, "decisions.error.decision")
                    .build();
            if (errors.any()) {
                return board(caller, consultationId, formats, errors, Map.of(amendmentId, reason), null, HttpStatus.BAD_REQUEST);
            }
            return writes.post(exchange, caller, uri -> uri.path("/api/consultations/{id}/amendments/{a}/" + decision)
                                    .build(consultationId, amendmentId),
                            new ApiDrafting.Decision(reason, null), FormKey.sent(data.getFirst(FormKey.FIELD)))
                    .map(written -> Forms.seeOther("/consultations/" + consultationId + "/decisions?notice=decided"))
                    .onErrorResume(ApiProblem.class, problem -> problem.status() == 409 && problem.detail() != null
                            && problem.detail().contains("merged")
                            ? Mono.just(Forms.seeOther("/consultations/" + consultationId + "/decisions/" + amendmentId + "/merge?stale=true"))
                            : problem.status() == 400 || problem.status() == 409
                            ? board(caller, consultationId, formats, FormErrors.check(formats).refusal(problem, Map.of("reason", field),
                            "decisions.error.refused").build(), Map.of(amendmentId, reason), null, HttpStatus.valueOf(problem.status()))
                            : Mono.error(problem));
        });
    }

    /** One decision for all of a provision's pending amendments: accept the one chosen (if any), reject the others. */
    @PostMapping("/consultations/{consultationId}/decisions/provisions/{provisionId}")
    Mono<Rendering> decideAll(@PathVariable String consultationId, @PathVariable String provisionId, ServerWebExchange exchange,
                              Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/consultations/" + consultationId + "/decisions"));
        }
        return exchange.getFormData().flatMap(data -> {
            String reason = orEmpty(data.getFirst("reason"));
            String accepted = orEmpty(data.getFirst("accept"));
            String field = "bulk-reason-" + provisionId;
            FormErrors errors = FormErrors.check(formats).required(field, reason, "decisions.error.reason").atMost(field, reason, MAX_REASON).build();
            if (errors.any()) {
                return board(caller, consultationId, formats, errors, Map.of(), null, HttpStatus.BAD_REQUEST);
            }
            String key = FormKey.sent(data.getFirst(FormKey.FIELD));
            return pending(caller, consultationId).flatMap(amendments -> {
                List<ApiDrafting.Amendment> mine = amendments.stream().filter(a -> a.provisionId().equals(provisionId)).toList();
                // the accepted one first: a stale one the API refuses, and then nothing is rejected
                List<ApiDrafting.Amendment> ordered = new ArrayList<>(mine.stream().filter(a -> a.amendmentId().equals(accepted)).toList());
                ordered.addAll(mine.stream().filter(a -> !a.amendmentId().equals(accepted)).toList());
                return Flux.fromIterable(ordered).concatMap(amendment -> {
                            String decision = amendment.amendmentId().equals(accepted) ? "accept" : "reject";
                            return writes.post(exchange, caller, uri -> uri.path("/api/consultations/{id}/amendments/{a}/" + decision)
                                    .build(consultationId, amendment.amendmentId()), new ApiDrafting.Decision(reason, null),
                                    UUID.nameUUIDFromBytes((key + "/" + amendment.amendmentId()).getBytes(StandardCharsets.UTF_8)).toString());
                        }).then(Mono.just(Forms.seeOther("/consultations/" + consultationId + "/decisions?notice=decided")))
                        .onErrorResume(ApiProblem.class, problem -> problem.status() == 400 || problem.status() == 409
                                ? board(caller, consultationId, formats, FormErrors.check(formats).refusal(problem, Map.of("reason", field),
                                "decisions.error.bulkRefused").build(), Map.of(), null, HttpStatus.valueOf(problem.status()))
                                : Mono.error(problem));
            });
        });
    }

    @GetMapping("/consultations/{consultationId}/decisions/{amendmentId}/merge")
    Mono<Rendering> merge(@PathVariable String consultationId, @PathVariable String amendmentId,
                          @RequestParam(defaultValue = "proposed") String start, @RequestParam(defaultValue = "false") boolean stale,
                          ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "DRAFTER");
        return mergeContext(caller, consultationId, amendmentId).map(context -> {
            String text = "current".equals(start) ? context.current() : orEmpty(context.amendment().text());
            return mergePage(context, new MergePage.Form(text, "", FormKey.fresh()), FormErrors.none(), null,
                    stale ? formats.message("merge.staleRefused") : null, formats, HttpStatus.OK);
        });
    }

    @PostMapping("/consultations/{consultationId}/decisions/{amendmentId}/merge")
    Mono<Rendering> acceptMerged(@PathVariable String consultationId, @PathVariable String amendmentId, ServerWebExchange exchange,
                                 Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/consultations/" + consultationId + "/decisions"));
        }
        return exchange.getFormData().flatMap(data -> mergeContext(caller, consultationId, amendmentId).flatMap(context -> {
            MergePage.Form form = new MergePage.Form(orEmpty(data.getFirst("text")), orEmpty(data.getFirst("reason")),
                    FormKey.sent(data.getFirst(FormKey.FIELD)));
            FormErrors errors = FormErrors.check(formats)
                    .required("text", form.text(), "merge.error.text").atMost("text", form.text(), MAX_TEXT)
                    .required("reason", form.reason(), "decisions.error.reason").atMost("reason", form.reason(), MAX_REASON)
                    .build();
            if (errors.any()) {
                return Mono.just(mergePage(context, form.again(), errors, null, null, formats, HttpStatus.BAD_REQUEST));
            }
            if (!"accept".equals(data.getFirst("action"))) {
                return Mono.just(mergePage(context, form, FormErrors.none(), TrackedChanges.between(context.current(), form.text()), null,
                        formats, HttpStatus.OK));
            }
            return writes.post(exchange, caller, uri -> uri.path("/api/consultations/{id}/amendments/{a}/accept").build(consultationId, amendmentId),
                            new ApiDrafting.Decision(form.reason(), form.text()), form.formKey())
                    .map(written -> Forms.seeOther("/consultations/" + consultationId + "/decisions?notice=decided"))
                    .onErrorResume(ApiProblem.class, problem -> problem.status() == 400 || problem.status() == 409
                            ? Mono.just(mergePage(context, form.again(), FormErrors.check(formats).refusal(problem,
                            Map.of("text", "text", "reason", "reason"), "decisions.error.refused").build(), null, null, formats,
                            HttpStatus.valueOf(problem.status())))
                            : Mono.error(problem));
        }));
    }

    private Mono<Rendering> board(Caller caller, String consultationId, Formats formats, FormErrors errors, Map<String, String> reasons,
                                  String notice, HttpStatus status) {
        Mono<ApiDrafting.Detail> detail = api.get(caller, uri -> uri.path("/api/consultations/{id}").build(consultationId), ApiDrafting.Detail.class);
        return Mono.zip(detail, pending(caller, consultationId)).map(both -> {
            DecisionsPage page = DecisionsBoard.build(both.getT1(), both.getT2(), errors, reasons, notice, formats);
            return Rendering.view("decisions").modelAttribute("nav", page.nav()).modelAttribute("page", page).status(status).build();
        });
    }

    private Mono<List<ApiDrafting.Amendment>> pending(Caller caller, String consultationId) {
        return api.get(caller, uri -> uri.path("/api/consultations/{id}/amendments").queryParam("status", "PROPOSED").build(consultationId),
                AMENDMENTS);
    }

    /** The consultation, the amendment and the wording it would change. */
    private record MergeContext(ApiDrafting.Detail detail, ApiDrafting.Amendment amendment, String label, String current) {
    }

    private Mono<MergeContext> mergeContext(Caller caller, String consultationId, String amendmentId) {
        Mono<ApiDrafting.Detail> detail = api.get(caller, uri -> uri.path("/api/consultations/{id}").build(consultationId), ApiDrafting.Detail.class);
        Mono<ApiDrafting.Amendment> amendment = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/amendments/{a}").build(consultationId, amendmentId), ApiDrafting.Amendment.class);
        return Mono.zip(detail, amendment).map(both -> {
            ApiDrafting.Provision provision = both.getT1().provision(both.getT2().provisionId());
            boolean insert = "INSERT_AFTER".equals(both.getT2().kind());
            return new MergeContext(both.getT1(), both.getT2(), insert ? both.getT2().label() : provision == null ? "?" : provision.label(),
                    insert || provision == null ? "" : provision.text());
        });
    }

    private static Rendering mergePage(MergeContext context, MergePage.Form form, FormErrors errors, List<TrackedChanges.Run> preview,
                                       String staleNotice, Formats formats, HttpStatus status) {
        ApiDrafting.Detail detail = context.detail();
        ConsultationNav nav = ConsultationNav.of(detail.consultationId(), detail.title(), detail.status(), "text", formats);
        String base = "/consultations/" + detail.consultationId() + "/decisions/" + context.amendment().amendmentId() + "/merge";
        MergePage page = new MergePage(nav, formats.message("merge.heading", context.label()),
                DecisionsBoard.author(context.amendment().author(), formats), context.current(), orEmpty(context.amendment().text()),
                TrackedChanges.between(context.current(), orEmpty(context.amendment().text())), context.amendment().stale(),
                staleNotice, form, errors, preview, base, base + "?start=current", base + "?start=proposed",
                "/consultations/" + detail.consultationId() + "/decisions#a-" + context.amendment().amendmentId(),
                "DELETE".equals(context.amendment().kind()));
        return Rendering.view("merge").modelAttribute("nav", nav).modelAttribute("page", page).status(status).build();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
