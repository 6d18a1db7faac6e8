package org.concord.workspace.drafting;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
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
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drafters' steps of a consultation's lifecycle, each a form that works without JavaScript: open a round
 * with a deadline picked in a named time zone (previewed in that zone and in UTC), close it, adopt the text
 * (both after a confirmation page); and the participants' endorsements of an adopted text.
 */
@Controller
class DraftingController {

    private static final ParameterizedTypeReference<List<ApiDrafting.Endorsement>> ENDORSEMENTS = new ParameterizedTypeReference<>() {
    };
    private static final Map<String, String> ROUND_FIELDS = Map.of("deadline", "date");

    private final GatewayApi api;
    private final Writes writes;
    private final Clock clock;

    DraftingController(GatewayApi api, Writes writes, Clock clock) {
        this.api = api;
        this.writes = writes;
        this.clock = clock;
    }

    @GetMapping("/consultations/{consultationId}/rounds/new")
    Mono<Rendering> roundForm(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "DRAFTER");
        return detail(caller, consultationId).map(detail ->
                round(detail, RoundForm.suggested(clock.instant()), FormErrors.none(), null, formats, HttpStatus.OK));
    }

    @PostMapping("/consultations/{consultationId}/rounds")
    Mono<Rendering> openRound(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/consultations/" + consultationId));
        }
        return exchange.getFormData().flatMap(data -> detail(caller, consultationId).flatMap(detail -> {
            RoundForm form = RoundForm.from(data);
            Optional<ZonedDateTime> deadline = form.deadline();
            FormErrors errors = FormErrors.check(formats)
                    .when(deadline.isEmpty(), "date", "round.error.unreadable")
                    .when(deadline.isPresent() && !deadline.get().toInstant().isAfter(clock.instant()), "date", "round.error.past")
                    .build();
            if (errors.any()) {
                return Mono.just(round(detail, form.again(), errors, null, formats, HttpStatus.BAD_REQUEST));
            }
            String when = describe(deadline.get(), formats);
            if (!"open".equals(data.getFirst("action"))) {
                return Mono.just(round(detail, form, FormErrors.none(), when, formats, HttpStatus.OK));
            }
            return writes.post(exchange, caller, uri -> uri.path("/api/consultations/{id}/rounds").build(consultationId),
                            new ApiDrafting.NewRound(deadline.get().toInstant().toString()), form.formKey())
                    .map(written -> Forms.seeOther("/consultations/" + consultationId + "?notice=round-opened"))
                    .onErrorResume(ApiProblem.class, problem -> problem.status() == 400 || problem.status() == 409
                            ? Mono.just(round(detail, form.again(), FormErrors.check(formats).refusal(problem, ROUND_FIELDS,
                            "round.error.refused").build(), null, formats, HttpStatus.valueOf(problem.status())))
                            : Mono.error(problem));
        }));
    }

    @GetMapping("/consultations/{consultationId}/rounds/close")
    Mono<Rendering> confirmClose(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        return confirm(consultationId, exchange, caller, formats, "close", FormErrors.none(), HttpStatus.OK);
    }

    @PostMapping("/consultations/{consultationId}/rounds/close")
    Mono<Rendering> close(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        return step(consultationId, exchange, caller, formats, "close", "/api/consultations/{id}/rounds/current/close", "round-closed");
    }

    @GetMapping("/consultations/{consultationId}/adopt")
    Mono<Rendering> confirmAdoption(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        return confirm(consultationId, exchange, caller, formats, "adopt", FormErrors.none(), HttpStatus.OK);
    }

    @PostMapping("/consultations/{consultationId}/adopt")
    Mono<Rendering> adopt(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        return step(consultationId, exchange, caller, formats, "adopt", "/api/consultations/{id}/adopt", "adopted");
    }

    @GetMapping("/consultations/{consultationId}/endorsements")
    Mono<Rendering> endorsements(@PathVariable String consultationId, @RequestParam(required = false) String notice,
                                 Caller caller, Formats formats) {
        Mono<ApiDrafting.Detail> detail = detail(caller, consultationId);
        Mono<List<ApiDrafting.Endorsement>> endorsements = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/endorsements").build(consultationId), ENDORSEMENTS);
        return Mono.zip(detail, endorsements).map(both -> {
            ApiDrafting.Detail consultation = both.getT1();
            ConsultationNav nav = ConsultationNav.of(consultationId, consultation.title(), consultation.status(), "text", formats);
            boolean mayEndorse = "ADOPTED".equals(consultation.status()) && caller.person() != null
                    && caller.person().roles().contains("PARTICIPANT");
            List<EndorsementsPage.Row> rows = both.getT2().stream().map(endorsement -> new EndorsementsPage.Row(endorsement.organisation(),
                    formats.message("stakeholder." + endorsement.stakeholderType()),
                    endorsement.country() == null ? "" : endorsement.country(), formats.dateTime(endorsement.endorsedAt()),
                    formats.machine(endorsement.endorsedAt()))).toList();
            return Rendering.view("endorsements").modelAttribute("nav", nav)
                    .modelAttribute("page", new EndorsementsPage(consultation.title(), "ADOPTED".equals(consultation.status()), rows,
                            mayEndorse, FormKey.fresh(), EndorsementsPage.notice(notice, formats)))
                    .build();
        });
    }

    @PostMapping("/consultations/{consultationId}/endorsements")
    Mono<Rendering> endorse(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller) {
        String page = "/consultations/" + consultationId + "/endorsements";
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(page));
        }
        return exchange.getFormData().flatMap(data -> writes.post(exchange, caller,
                        uri -> uri.path("/api/consultations/{id}/endorsements").build(consultationId), null, FormKey.sent(data.getFirst(FormKey.FIELD)))
                .map(written -> Forms.seeOther(page + "?notice=endorsed"))
                .onErrorResume(ApiProblem.class, problem -> problem.status() == 409
                        ? Mono.just(Forms.seeOther(page + (problem.detail() != null && problem.detail().contains("already endorsed")
                        ? "?notice=already-endorsed" : "?notice=not-adopted")))
                        : Mono.error(problem)));
    }

    private Mono<Rendering> confirm(String consultationId, ServerWebExchange exchange, Caller caller, Formats formats, String step,
                                    FormErrors errors, HttpStatus status) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "DRAFTER");
        return detail(caller, consultationId).map(detail -> {
            ConsultationNav nav = ConsultationNav.of(consultationId, detail.title(), detail.status(), "text", formats);
            int round = detail.round() == null ? 0 : detail.round().number();
            ConfirmPage page = new ConfirmPage(nav, formats.message("confirm." + step + ".heading", round, detail.version()),
                    formats.message("confirm." + step + ".explanation", round, detail.version()),
                    formats.message("confirm." + step + ".button", round, detail.version()),
                    step.equals("close") ? "/consultations/" + consultationId + "/rounds/close" : "/consultations/" + consultationId + "/adopt",
                    FormKey.fresh(), errors, "/consultations/" + consultationId);
            return Rendering.view("confirm").modelAttribute("nav", nav).modelAttribute("page", page).status(status).build();
        });
    }

    /** A confirmed step: done, back to the text with a notice; refused (409), the confirmation page again saying why. */
    private Mono<Rendering> step(String consultationId, ServerWebExchange exchange, Caller caller, Formats formats, String step,
                                 String apiPath, String notice) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/consultations/" + consultationId));
        }
        return exchange.getFormData().flatMap(data -> writes.post(exchange, caller, uri -> uri.path(apiPath).build(consultationId), null,
                        FormKey.sent(data.getFirst(FormKey.FIELD)))
                .map(written -> Forms.seeOther("/consultations/" + consultationId + "?notice=" + notice))
                .onErrorResume(ApiProblem.class, problem -> problem.status() == 409
                        ? confirm(consultationId, exchange, caller, formats, step,
                        FormErrors.check(formats).refusal(problem, Map.of(), "confirm." + step + ".refused").build(), HttpStatus.CONFLICT)
                        : Mono.error(problem)));
    }

    private Rendering round(ApiDrafting.Detail detail, RoundForm form, FormErrors errors, String preview, Formats formats, HttpStatus status) {
        ConsultationNav nav = ConsultationNav.of(detail.consultationId(), detail.title(), detail.status(), "text", formats);
        int next = detail.round() == null ? 1 : detail.round().number() + 1;
        RoundPage page = new RoundPage(nav, formats.message("round.heading", next), form, errors, preview,
                RoundForm.ZONES.stream().map(zone -> new RoundPage.Zone(zone, zoneName(zone, formats), zone.equals(form.zone()))).toList(),
                "/consultations/" + detail.consultationId(),
                "OPEN".equals(detail.status()) ? formats.message("round.error.alreadyOpen") : null);
        return Rendering.view("round-open").modelAttribute("nav", nav).modelAttribute("page", page).status(status).build();
    }

    /** "Monday 21 December 2026, 18:00 in Europe/Paris, that is 17:00 UTC". */
    static String describe(ZonedDateTime deadline, Formats formats) {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", formats.locale());
        ZonedDateTime utc = deadline.withZoneSameInstant(ZoneOffset.UTC);
        return formats.message("round.preview", local.format(deadline), deadline.getZone().getId(), local.format(utc));
    }

    /** "Europe/Paris (UTC+01:00 now)". */
    private String zoneName(String zone, Formats formats) {
        String offset = java.time.ZoneId.of(zone).getRules().getOffset(clock.instant()).getId().replace("Z", "+00:00");
        return formats.message("round.zone", zone, offset);
    }

    private Mono<ApiDrafting.Detail> detail(Caller caller, String consultationId) {
        return api.get(caller, uri -> uri.path("/api/consultations/{id}").build(consultationId), ApiDrafting.Detail.class);
    }
}
