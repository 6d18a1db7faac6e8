package org.concord.workspace.participants;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.form.FormKey;
import org.concord.workspace.form.Forms;
import org.concord.workspace.form.Writes;
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

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The administrators' page of participants: who is registered, registering one (the token is shown once, on
 * the answer to the form itself, never after a redirect, so that reloading or going back does not show it
 * again from the workspace), revoking one after a confirmation, and one participant's audit trail.
 */
@Controller
class ParticipantsController {

    static final List<String> TYPES = List.of("STATE", "INTERNATIONAL_ORGANISATION", "COMPANY", "NGO", "ACADEMIA");
    static final List<String> ROLES = List.of("PARTICIPANT", "DRAFTER", "OBSERVER", "ADMIN");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Map<String, String> FIELDS = Map.of("organisation", "organisation", "displayName", "displayName",
            "stakeholderType", "stakeholderType", "country", "country", "roles", "role-PARTICIPANT");
    private static final ParameterizedTypeReference<List<Participant>> PARTICIPANTS = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;
    private final Writes writes;

    ParticipantsController(GatewayApi api, Writes writes) {
        this.api = api;
        this.writes = writes;
    }

    @GetMapping("/participants")
    Mono<Rendering> list(@RequestParam(required = false) String notice, ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "ADMIN");
        return page(caller, formats, RegistrationForm.empty(), FormErrors.none(),
                "revoked".equals(notice) ? formats.message("participants.notice.revoked") : null, HttpStatus.OK);
    }

    @PostMapping("/participants")
    Mono<Rendering> register(ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/participants"));
        }
        return exchange.getFormData().flatMap(data -> {
            RegistrationForm form = RegistrationForm.from(data);
            FormErrors errors = FormErrors.check(formats)
                    .required("organisation", form.organisation(), "participants.error.organisation").atMost("organisation", form.organisation(), 200)
                    .required("displayName", form.displayName(), "participants.error.displayName").atMost("displayName", form.displayName(), 200)
                    .when(!TYPES.contains(form.stakeholderType()), "stakeholderType", "participants.error.type")
                    .when(!form.country().isEmpty() && !COUNTRY.matcher(form.country()).matches(), "country", "participants.error.country")
                    .when(form.roles().isEmpty(), "role-PARTICIPANT", "participants.error.roles")
                    .build();
            if (errors.any()) {
                return page(caller, formats, form.again(), errors, null, HttpStatus.BAD_REQUEST);
            }
            return writes.post(exchange, caller, uri -> uri.path("/api/participants").build(), form.request(), form.formKey())
                    .map(written -> Rendering.view("participant-token")
                            .modelAttribute("registered", new Registered(form.displayName(), form.organisation(), written.text("token"),
                                    written.text("participantId"), Boolean.TRUE.equals(written.fields().get("tokenWithheld"))))
                            .build())
                    .onErrorResume(ApiProblem.class, problem -> problem.status() == 400 || problem.status() == 409
                            ? page(caller, formats, form.again(), FormErrors.check(formats).refusal(problem, FIELDS,
                            "participants.error.refused").build(), null, HttpStatus.valueOf(problem.status()))
                            : Mono.error(problem));
        });
    }

    @GetMapping("/participants/{participantId}/revoke")
    Mono<Rendering> confirmRevocation(@PathVariable String participantId, ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "ADMIN");
        return participants(caller).map(all -> {
            Participant participant = all.stream().filter(one -> one.participantId().equals(participantId)).findFirst()
                    .orElseThrow(() -> new ApiProblem(404, "not-found", "No such participant.", List.of(), null));
            return Rendering.view("participant-revoke").modelAttribute("participant", participant)
                    .modelAttribute("formKey", FormKey.fresh()).build();
        });
    }

    @PostMapping("/participants/{participantId}/revoke")
    Mono<Rendering> revoke(@PathVariable String participantId, ServerWebExchange exchange, Caller caller) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/participants"));
        }
        return exchange.getFormData().flatMap(data -> writes.post(exchange, caller,
                        uri -> uri.path("/api/participants/{p}/revoke").build(participantId), null, FormKey.sent(data.getFirst(FormKey.FIELD)))
                .map(written -> Forms.seeOther("/participants?notice=revoked"))
                .onErrorResume(ApiProblem.class, problem -> problem.status() == 409
                        ? Mono.just(Forms.seeOther("/participants?notice=revoked"))
                        : Mono.error(problem)));
    }

    @GetMapping("/participants/{participantId}/audit")
    Mono<Rendering> audit(@PathVariable String participantId, ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "ADMIN");
        Mono<AuditTrail> trail = api.get(caller, uri -> uri.path("/api/admin/audit").queryParam("participantId", participantId)
                .queryParam("limit", 1000).build(), AuditTrail.class);
        return Mono.zip(participants(caller), trail).map(both -> {
            Participant participant = both.getT1().stream().filter(one -> one.participantId().equals(participantId)).findFirst().orElse(null);
            List<AuditRow> rows = both.getT2().entries().stream().map(entry -> new AuditRow(formats.dateTimeToTheSecond(entry.at()),
                    formats.machine(entry.at()), entry.type(), entry.summary(), entry.position())).toList();
            return Rendering.view("participant-audit")
                    .modelAttribute("name", participant == null ? participantId : participant.displayName() + " (" + participant.organisation() + ")")
                    .modelAttribute("rows", rows).build();
        });
    }

    private Mono<Rendering> page(Caller caller, Formats formats, RegistrationForm form, FormErrors errors, String notice, HttpStatus status) {
        return participants(caller).map(all -> Rendering.view("participants")
                .modelAttribute("participants", all.stream().sorted(Comparator.comparing(Participant::revoked)
                        .thenComparing(Participant::organisation, String.CASE_INSENSITIVE_ORDER)).map(one -> Row.of(one, formats)).toList())
                .modelAttribute("form", form)
                .modelAttribute("errors", errors)
                .modelAttribute("notice", notice)
                .modelAttribute("types", TYPES.stream().map(type -> new Option(type, formats.message("stakeholder." + type),
                        type.equals(form.stakeholderType()))).toList())
                .modelAttribute("roles", ROLES.stream().map(role -> new Option(role, formats.message("participants.role." + role),
                        form.roles().contains(role))).toList())
                .status(status)
                .build());
    }

    private Mono<List<Participant>> participants(Caller caller) {
        return api.get(caller, uri -> uri.path("/api/participants").build(), PARTICIPANTS);
    }

    /** An item of {@code GET /api/participants}. */
    record Participant(String participantId, String organisation, String stakeholderType, String country, String displayName,
                       List<String> roles, boolean revoked) {
    }

    /** A row of the list, in the page's language. */
    record Row(String participantId, String organisation, String displayName, String type, String country, String roles, boolean revoked) {

        static Row of(Participant participant, Formats formats) {
            return new Row(participant.participantId(), participant.organisation(), participant.displayName(),
                    participant.stakeholderType() == null ? "" : formats.message("stakeholder." + participant.stakeholderType()),
                    participant.country() == null ? "" : participant.country(),
                    String.join(", ", participant.roles().stream().map(role -> formats.message("participants.role." + role)).toList()),
                    participant.revoked());
        }
    }

    record Option(String value, String label, boolean chosen) {

        public String id() {
            return "role-" + value;
        }
    }

    /** The answer to a registration: the token, shown this once; withheld from the answer to the same form sent again. */
    record Registered(String displayName, String organisation, String token, String participantId, boolean tokenWithheld) {
    }

    /** {@code GET /api/admin/audit}. */
    record AuditTrail(String participantId, List<Entry> entries) {
    }

    record Entry(long position, Instant at, String type, String summary) {
    }

    record AuditRow(String at, String atMachine, String type, String summary, long position) {
    }
}
