package org.concord.workspace.amendment;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.consultation.TrackedChanges;
import org.concord.workspace.consultation.Words;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.form.FormKey;
import org.concord.workspace.form.Forms;
import org.concord.workspace.form.Writes;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Proposing an amendment: new wording for a provision, a provision inserted after it, or its deletion. The
 * form names the version the delegate writes against and shows the proposal as tracked changes before it is
 * sent ("Preview"). When the provision changed after that version, the delegate is shown what changed and may
 * write against the current version instead, or send the proposal as it is (it is then marked stale).
 */
@Controller
class AmendmentController {

    static final Pattern LABEL = Pattern.compile("[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*");
    /** The API's fields of a proposal, and the form's fields that show their errors. */
    private static final Map<String, String> FIELDS = Map.of("text", "text", "label", "label", "justification", "justification",
            "kind", "kind-REPLACE", "baseVersion", "text", "provisionId", "text");

    private final GatewayApi api;
    private final Writes writes;

    AmendmentController(GatewayApi api, Writes writes) {
        this.api = api;
        this.writes = writes;
    }

    /**
     * The form for {@code provisionId}. A REPLACE written from a selection on the text page ({@code selStart},
     * {@code selEnd}: words of the provision as it read in {@code version}, see {@link Words}) pre-fills the
     * wording with those words selected, so that typing replaces them; a selection made on another version is
     * ignored, since its words may not be where they were.
     */
    @GetMapping("/consultations/{consultationId}/amendments/new")
    Mono<Rendering> form(@PathVariable String consultationId, @RequestParam(defaultValue = "") String provisionId,
                         @RequestParam(defaultValue = "REPLACE") String kind, @RequestParam(required = false) Integer version,
                         @RequestParam(required = false) Integer selStart, @RequestParam(required = false) Integer selEnd,
                         ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "PARTICIPANT");
        return detail(caller, consultationId).flatMap(detail -> {
            ApiAmendments.Provision provision = provisionOf(detail, provisionId);
            String chosen = AmendmentForm.KINDS.contains(kind) ? kind : "REPLACE";
            AmendmentForm form = new AmendmentForm(provision.provisionId(), chosen, detail.version(),
                    "REPLACE".equals(chosen) ? provision.text() : "", "INSERT_AFTER".equals(chosen) ? Labels.after(provision.label(),
                    detail.provisions().stream().map(ApiAmendments.Provision::label).toList()) : "", "", FormKey.fresh());
            FormErrors errors = detail.open() ? FormErrors.none()
                    : FormErrors.check(formats).general(formats.message("amendment.error.notOpen")).build();
            AmendmentPage.Selected selected = "REPLACE".equals(chosen) && selStart != null && selEnd != null
                    && (version == null || version == detail.version()) ? selected(provision.text(), selStart, selEnd, formats) : null;
            return Mono.just(render(detail, provision, form, errors, null, null, selected, formats, HttpStatus.OK));
        });
    }

    /** Words [start, end) of {@code text}, said and as characters for the wording's field; null when not in it. */
    static AmendmentPage.Selected selected(String text, int start, int end, Formats formats) {
        Words.Span characters = Words.characters(text, start, end);
        return characters == null ? null : new AmendmentPage.Selected(formats.message("amendment.selection",
                text.substring(characters.start(), characters.end())), characters.start(), characters.end());
    }

    @PostMapping("/consultations/{consultationId}/amendments")
    Mono<Rendering> post(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/consultations/" + consultationId));
        }
        return exchange.getFormData().flatMap(data -> detail(caller, consultationId).flatMap(detail -> {
            AmendmentForm sent = AmendmentForm.from(data);
            ApiAmendments.Provision provision = provisionOf(detail, sent.provisionId());
            String action = Optional.ofNullable(data.getFirst("action")).orElse("preview");
            AmendmentForm form = action.equals("rebase") ? sent.against(detail.version()) : sent;
            FormErrors errors = check(form, detail, provision, formats);
            if (errors.any()) {
                return Mono.just(render(detail, provision, form.again(), errors, null, null, null, formats, HttpStatus.BAD_REQUEST));
            }
            return stale(caller, detail, provision, form, formats).flatMap(stale -> {
                boolean confirmed = "yes".equals(data.getFirst("sendStale"));
                if (!action.equals("send") || stale.isPresent() && !confirmed) {
                    return Mono.just(render(detail, provision, form, FormErrors.none(), preview(form, provision, formats),
                            stale.orElse(null), null, formats, stale.isPresent() && action.equals("send") ? HttpStatus.CONFLICT : HttpStatus.OK));
                }
                return writes.post(exchange, caller, uri -> uri.path("/api/consultations/{id}/amendments").build(consultationId),
                                form.request(), form.formKey())
                        .map(written -> Forms.seeOther("/consultations/" + consultationId + "#a-" + written.text("amendmentId")))
                        .onErrorResume(ApiProblem.class, problem -> problem.status() == 400 || problem.status() == 409
                                ? Mono.just(render(detail, provision, form.again(), refusal(problem, formats), null,
                                stale.orElse(null), null, formats, HttpStatus.valueOf(problem.status())))
                                : Mono.error(problem));
            });
        }));
    }

    /**
     * The API's refusal: its field errors beside the fields; a round closed or a deadline passed in a sentence of
     * the page's language; any other conflict with the API's own sentence.
     */
    static FormErrors refusal(ApiProblem problem, Formats formats) {
        if (problem.status() == 409 && problem.errors().isEmpty()
                && "not-open".equals(SupportController.conflictNotice(problem.detail(), ""))) {
            return FormErrors.check(formats).general(formats.message("amendment.error.closed")).build();
        }
        return FormErrors.check(formats).refusal(problem, FIELDS, "amendment.error.refused").build();
    }

    private static FormErrors check(AmendmentForm form, ApiAmendments.Detail detail, ApiAmendments.Provision provision, Formats formats) {
        FormErrors.Builder check = FormErrors.check(formats);
        if (!form.delete()) {
            check.required("text", form.text(), "amendment.error.text").atMost("text", form.text(), AmendmentForm.MAX_TEXT);
        }
        if (form.replace()) {
            check.when(form.text().equals(provision.text()), "text", "amendment.error.unchanged");
        }
        if (form.insert()) {
            check.required("label", form.label(), "amendment.error.label")
                    .atMost("label", form.label(), AmendmentForm.MAX_LABEL)
                    .when(!form.label().isEmpty() && !LABEL.matcher(form.label()).matches(), "label", "form.api.label")
                    .when(detail.provisions().stream().anyMatch(other -> other.label().equals(form.label())), "label",
                            "amendment.error.labelTaken", form.label());
        }
        check.required("justification", form.justification(), "amendment.error.justification")
                .atMost("justification", form.justification(), AmendmentForm.MAX_JUSTIFICATION)
                .when(form.baseVersion() < 1 || form.baseVersion() > detail.version(), "text", "amendment.error.baseVersion");
        return check.build();
    }

    /**
     * What changed in the provision after the version the form was written against: its wording then against now,
     * with the offer to write against the current version; empty when nothing changed.
     */
    private Mono<Optional<AmendmentPage.Stale>> stale(Caller caller, ApiAmendments.Detail detail, ApiAmendments.Provision provision,
                                                     AmendmentForm form, Formats formats) {
        if (form.baseVersion() >= detail.version()) {
            return Mono.just(Optional.empty());
        }
        return api.get(caller, uri -> uri.path("/api/consultations/{id}/versions/{v}").build(detail.consultationId(), form.baseVersion()),
                ApiAmendments.Version.class).map(version -> Optional.ofNullable(
                stale(version.provision(provision.provisionId()), provision, form.baseVersion(), detail.version(), formats)));
    }

    /**
     * The provision as it read in the version written against ({@code then}, null when it did not exist) against
     * how it reads now ({@code now}, in version {@code current}): what changed, and the offer to propose again
     * against the current version; null when nothing changed.
     */
    static AmendmentPage.Stale stale(ApiAmendments.Provision then, ApiAmendments.Provision now, int written, int current, Formats formats) {
        if (then != null && then.text().equals(now.text())) {
            return null;
        }
        return new AmendmentPage.Stale(
                formats.message(then == null ? "amendment.stale.new" : "amendment.stale.changed", now.label(), written),
                TrackedChanges.between(then == null ? "" : then.text(), now.text()), current,
                formats.message("amendment.stale.rebase", current));
    }

    private static List<TrackedChanges.Run> preview(AmendmentForm form, ApiAmendments.Provision provision, Formats formats) {
        if (form.replace()) {
            return TrackedChanges.between(provision.text(), form.text());
        }
        return form.insert() ? TrackedChanges.between("", form.text()) : TrackedChanges.between(provision.text(), "");
    }

    private static Rendering render(ApiAmendments.Detail detail, ApiAmendments.Provision provision, AmendmentForm form, FormErrors errors,
                                    List<TrackedChanges.Run> preview, AmendmentPage.Stale stale, AmendmentPage.Selected selected,
                                    Formats formats, HttpStatus status) {
        ConsultationNav nav = ConsultationNav.of(detail.consultationId(), detail.title(), detail.status(), "text", formats);
        List<AmendmentPage.Choice> kinds = AmendmentForm.KINDS.stream().map(kind -> new AmendmentPage.Choice(kind,
                formats.message("amendment.kind." + kind), formats.message("amendment.kind." + kind + ".hint", provision.label()),
                kind.equals(form.kind()))).toList();
        String previewTitle = form.insert() ? formats.message("amendment.preview.insert", form.label(), provision.label())
                : form.delete() ? formats.message("amendment.preview.delete", provision.label())
                : formats.message("amendment.preview.replace", provision.label());
        AmendmentPage page = new AmendmentPage(nav, formats.message("amendment.heading", provision.label()), provision.label(),
                provision.text(), kinds, formats.message(form.baseVersion() == detail.version() ? "amendment.base.current"
                : "amendment.base.older", form.baseVersion(), detail.version()), form, errors, preview, previewTitle, stale, selected,
                "/consultations/" + detail.consultationId() + "#p-" + provision.provisionId());
        return Rendering.view("amendment").modelAttribute("nav", nav).modelAttribute("page", page).status(status).build();
    }

    private Mono<ApiAmendments.Detail> detail(Caller caller, String consultationId) {
        return api.get(caller, uri -> uri.path("/api/consultations/{id}").build(consultationId), ApiAmendments.Detail.class);
    }

    /** The provision of the current text; one that is not in it (any more) is a 404 page. */
    private static ApiAmendments.Provision provisionOf(ApiAmendments.Detail detail, String provisionId) {
        ApiAmendments.Provision provision = detail.provision(provisionId);
        if (provision == null) {
            throw new ApiProblem(404, "not-found", "No such provision in the current text.", List.of(), null);
        }
        return provision;
    }
}
