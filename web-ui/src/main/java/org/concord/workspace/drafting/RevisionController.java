package org.concord.workspace.drafting;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.consultation.TrackedChanges;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.form.Forms;
import org.concord.workspace.form.Writes;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Revising the text between rounds: every provision's wording edited in place or deleted, one provision
 * inserted, a reason; a preview shows each change as tracked changes before it is saved as a new version.
 * When someone revised the text meanwhile, the drafter's edits are kept and compared with the new text.
 */
@Controller
class RevisionController {

    private static final Pattern LABEL = Pattern.compile("[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*");

    private final GatewayApi api;
    private final Writes writes;

    RevisionController(GatewayApi api, Writes writes) {
        this.api = api;
        this.writes = writes;
    }

    @GetMapping("/consultations/{consultationId}/revise")
    Mono<Rendering> form(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "DRAFTER");
        return detail(caller, consultationId).map(detail -> render(detail, RevisionForm.of(detail), FormErrors.none(), null, formats, HttpStatus.OK));
    }

    @PostMapping("/consultations/{consultationId}/revisions")
    Mono<Rendering> revise(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/consultations/" + consultationId));
        }
        return exchange.getFormData().flatMap(data -> detail(caller, consultationId).flatMap(detail -> {
            RevisionForm form = RevisionForm.from(data, detail);
            List<RevisionForm.Change> changes = form.changes(detail);
            FormErrors errors = check(form, detail, changes, formats);
            if (errors.any()) {
                return Mono.just(render(detail, form.again(), errors, null, formats, HttpStatus.BAD_REQUEST));
            }
            if (form.baseVersion() != detail.version()) {
                RevisionForm current = new RevisionForm(detail.version(), form.texts(), form.deleted(), form.insertAfter(),
                        form.insertLabel(), form.insertText(), form.reason(), form.again().formKey());
                return Mono.just(render(detail, current, FormErrors.check(formats).general(formats.message("revise.error.moved",
                        form.baseVersion(), detail.version())).build(), preview(detail, current, formats), formats, HttpStatus.CONFLICT));
            }
            if (!"save".equals(data.getFirst("action"))) {
                return Mono.just(render(detail, form, FormErrors.none(), preview(detail, form, formats), formats, HttpStatus.OK));
            }
            Map<String, Object> body = Map.of("baseVersion", form.baseVersion(), "reason", form.reason(),
                    "changes", changes.stream().map(RevisionForm.Change::body).toList());
            return writes.post(exchange, caller, uri -> uri.path("/api/consultations/{id}/revisions").build(consultationId), body, form.formKey())
                    .map(written -> Forms.seeOther("/consultations/" + consultationId + "?notice=revised"))
                    .onErrorResume(ApiProblem.class, problem -> problem.status() == 400 || problem.status() == 409
                            ? Mono.just(render(detail, form.again(), FormErrors.check(formats).refusal(problem, fields(changes),
                            "revise.error.refused").build(), null, formats, HttpStatus.valueOf(problem.status())))
                            : Mono.error(problem));
        }));
    }

    private static FormErrors check(RevisionForm form, ApiDrafting.Detail detail, List<RevisionForm.Change> changes, Formats formats) {
        FormErrors.Builder check = FormErrors.check(formats);
        for (ApiDrafting.Provision provision : detail.provisions()) {
            if (!form.deleted().contains(provision.provisionId())) {
                String field = "text-" + provision.provisionId();
                check.required(field, form.texts().get(provision.provisionId()), "revise.error.text")
                        .atMost(field, form.texts().get(provision.provisionId()), DecisionsController.MAX_TEXT);
            }
        }
        if (form.inserts()) {
            check.required("insertLabel", form.insertLabel(), "revise.error.label")
                    .atMost("insertLabel", form.insertLabel(), 32)
                    .when(!form.insertLabel().isEmpty() && !LABEL.matcher(form.insertLabel()).matches(), "insertLabel", "form.api.label")
                    .when(detail.provisions().stream().anyMatch(provision -> provision.label().equals(form.insertLabel())),
                            "insertLabel", "revise.error.labelTaken", form.insertLabel())
                    .required("insertText", form.insertText(), "revise.error.text")
                    .atMost("insertText", form.insertText(), DecisionsController.MAX_TEXT);
        }
        boolean none = form.deleted().size() == detail.provisions().size() && !form.inserts();
        return check.when(none, "reason", "revise.error.empty")
                .when(changes.isEmpty(), "reason", "revise.error.nothing")
                .required("reason", form.reason(), "revise.error.reason")
                .atMost("reason", form.reason(), DecisionsController.MAX_REASON)
                .build();
    }

    /** The API's {@code changes[i].text} and {@code changes[i].label} beside the form's field of change i. */
    private static Map<String, String> fields(List<RevisionForm.Change> changes) {
        Map<String, String> fields = new HashMap<>(Map.of("reason", "reason", "baseVersion", "reason"));
        for (int i = 0; i < changes.size(); i++) {
            String field = changes.get(i).field();
            fields.put("changes[" + i + "].text", field);
            fields.put("changes[" + i + "].label", field.equals("insertText") ? "insertLabel" : field);
            fields.put("changes[" + i + "].provisionId", field);
        }
        return fields;
    }

    private static List<RevisionPage.Change> preview(ApiDrafting.Detail detail, RevisionForm form, Formats formats) {
        List<RevisionPage.Change> preview = new ArrayList<>();
        for (RevisionForm.Change change : form.changes(detail)) {
            String kind = change.body().get("kind");
            ApiDrafting.Provision provision = detail.provision(change.body().get("provisionId"));
            switch (kind) {
                case "DELETE" -> preview.add(new RevisionPage.Change(formats.message("revise.preview.delete", provision.label()),
                        TrackedChanges.between(provision.text(), "")));
                case "REPLACE" -> preview.add(new RevisionPage.Change(formats.message("revise.preview.replace", provision.label()),
                        TrackedChanges.between(provision.text(), change.body().get("text"))));
                default -> preview.add(new RevisionPage.Change(formats.message("revise.preview.insert", change.body().get("label"),
                        provision.label()), TrackedChanges.between("", change.body().get("text"))));
            }
        }
        return preview;
    }

    private static Rendering render(ApiDrafting.Detail detail, RevisionForm form, FormErrors errors, List<RevisionPage.Change> preview,
                                    Formats formats, HttpStatus status) {
        ConsultationNav nav = ConsultationNav.of(detail.consultationId(), detail.title(), detail.status(), "text", formats);
        List<RevisionPage.Row> rows = detail.provisions().stream().map(provision -> new RevisionPage.Row(provision.provisionId(),
                provision.label(), form.texts().getOrDefault(provision.provisionId(), provision.text()),
                form.deleted().contains(provision.provisionId()), provision.provisionId().equals(form.insertAfter()))).toList();
        boolean allowed = "DRAFT".equals(detail.status()) || "PROPOSED".equals(detail.status()) || "CLOSED".equals(detail.status());
        RevisionPage page = new RevisionPage(nav, formats.message("revise.heading", detail.version() + 1),
                formats.message("revise.base", form.baseVersion()), rows, form, errors, preview,
                allowed ? null : formats.message("revise.error.status"), "/consultations/" + detail.consultationId());
        return Rendering.view("revise").modelAttribute("nav", nav).modelAttribute("page", page).status(status).build();
    }

    private Mono<ApiDrafting.Detail> detail(Caller caller, String consultationId) {
        return api.get(caller, uri -> uri.path("/api/consultations/{id}").build(consultationId), ApiDrafting.Detail.class);
    }
}
