package org.concord.workspace.comment;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.consultation.Words;
import org.concord.workspace.form.FormErrors;
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

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commenting: on a provision, on an amendment, on the consultation as a whole, or in answer to a comment.
 * A comment on a provision may be on some of its words (a selection made on the text page, js/selection.js):
 * the form then quotes them and sends them as the comment's anchor.
 * The form is a page of its own, so that it works without JavaScript; once posted, the comment is shown where
 * it belongs ({@link #placeOf}). Nothing posted can be edited: the form says so.
 */
@Controller
class CommentController {

    static final List<String> ATTRIBUTIONS = List.of("ATTRIBUTED", "CHATHAM_HOUSE");
    /** The API's fields of a comment, and the form's fields that show their errors. */
    private static final Map<String, String> FIELDS = Map.of("body", "body", "attribution", "attribution-ATTRIBUTED");
    private static final ParameterizedTypeReference<List<ApiComments.Comment>> COMMENTS = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;
    private final Writes writes;

    CommentController(GatewayApi api, Writes writes) {
        this.api = api;
        this.writes = writes;
    }

    @GetMapping("/consultations/{consultationId}/comments/new")
    Mono<Rendering> form(@PathVariable String consultationId, @RequestParam(required = false) String provisionId,
                         @RequestParam(required = false) String amendmentId, @RequestParam(required = false) String replyTo,
                         @RequestParam(required = false) String anchorVersion, @RequestParam(required = false) String anchorStart,
                         @RequestParam(required = false) String anchorEnd,
                         @RequestParam(name = ConsultationNav.FROM_PROVISION, required = false) String fromProvision,
                         ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "PARTICIPANT", "DRAFTER");
        CommentForm form = CommentForm.empty(provisionId, amendmentId, replyTo, CommentForm.anchor(anchorVersion, anchorStart, anchorEnd),
                fromProvision);
        // words that are not in the provision (an old link, an edited address) leave a comment on the whole provision
        return quoted(consultationId, caller, form).flatMap(quote -> page(consultationId, caller, formats,
                quote.isEmpty() ? form.withoutAnchor() : form, quote.orElse(""), FormErrors.none(), HttpStatus.OK));
    }

    @PostMapping("/consultations/{consultationId}/comments")
    Mono<Rendering> post(@PathVariable String consultationId, ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/consultations/" + consultationId));
        }
        return exchange.getFormData().map(CommentForm::from).flatMap(sent -> quoted(consultationId, caller, sent).flatMap(quote -> {
            boolean lostWords = sent.anchor() != null && quote.isEmpty();
            CommentForm form = lostWords ? sent.withoutAnchor() : sent;
            String selection = quote.orElse("");
            FormErrors.Builder check = FormErrors.check(formats)
                    .required("body", form.body(), "comment.error.body")
                    .atMost("body", form.body(), CommentForm.MAX_BODY)
                    .when(form.attribution() == null || !ATTRIBUTIONS.contains(form.attribution()), "attribution-ATTRIBUTED", "comment.error.attribution");
            if (lostWords) {
                check.general(formats.message("comment.error.anchor"));
            }
            if (check.any()) {
                return page(consultationId, caller, formats, form.again(), selection, check.build(), HttpStatus.BAD_REQUEST);
            }
            return writes.post(exchange, caller, uri -> uri.path("/api/consultations/{id}/comments").build(consultationId),
                            form.request(), form.formKey())
                    .map(written -> Forms.seeOther(placeOf(consultationId, form) + "#c-" + written.text("commentId")))
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (wordsChanged(problem, form)) {
                            return page(consultationId, caller, formats, form.withoutAnchor().again(), "",
                                    FormErrors.check(formats).general(formats.message("comment.error.wordsChanged")).build(), HttpStatus.CONFLICT);
                        }
                        return problem.status() == 400 || problem.status() == 409
                                ? page(consultationId, caller, formats, form.again(), selection, refusal(problem, formats),
                                HttpStatus.valueOf(problem.status()))
                                : Mono.error(problem);
                    });
        }));
    }

    /**
     * The page that shows the comment once posted: a comment on a provision leads to that provision's page, whose
     * cost is its own discussion's, not the whole consultation's, and so does a reply or a comment on an amendment
     * written from a provision's page (which shows both); any other (on the consultation as a whole, or written
     * from the text page) to the text page.
     */
    static String placeOf(String consultationId, CommentForm form) {
        if (form.provisionId() != null && form.amendmentId() == null && form.replyTo() == null) {
            return ConsultationNav.provisionHref(consultationId, form.provisionId());
        }
        return ConsultationNav.pageFrom(consultationId, form.fromProvision());
    }

    /**
     * The API's refusal: its field errors beside the fields; a round closed or a deadline passed (a 409 whose
     * sentence names the round or the deadline) in a sentence of the page's language; any other with the API's own.
     */
    static FormErrors refusal(ApiProblem problem, Formats formats) {
        String detail = problem.detail() == null ? "" : problem.detail();
        if (problem.status() == 409 && problem.errors().isEmpty() && (detail.contains("round") || detail.contains("deadline"))) {
            return FormErrors.check(formats).general(formats.message("comment.error.closed")).build();
        }
        return FormErrors.check(formats).refusal(problem, FIELDS, "comment.error.refused").build();
    }

    /**
     * Whether the API refused the words selected because the provision's wording changed after the version they
     * were selected in (docs/api.md: a 409 whose sentence asks to select the words again): the comment is then
     * offered again on the whole provision, its text kept.
     */
    static boolean wordsChanged(ApiProblem problem, CommentForm form) {
        return problem.status() == 409 && form.anchor() != null && problem.detail() != null
                && problem.detail().contains("select the words again");
    }

    /**
     * The words the form's anchor is on, as they read in the anchor's version of the provision; empty when the
     * form has no anchor, or when those words are not in that version (or the version does not exist).
     */
    private Mono<Optional<String>> quoted(String consultationId, Caller caller, CommentForm form) {
        ApiComments.Anchor anchor = form.anchor();
        if (anchor == null || anchor.version() < 1) {
            return Mono.just(Optional.empty());
        }
        return api.get(caller, uri -> uri.path("/api/consultations/{id}/versions/{v}").build(consultationId, anchor.version()),
                        ApiComments.Version.class)
                .map(version -> Optional.ofNullable(version.provision(form.provisionId()))
                        .map(provision -> Words.quote(provision.text(), anchor.start(), anchor.end())))
                .onErrorResume(ApiProblem.class, problem -> problem.status() == 404 ? Mono.just(Optional.empty()) : Mono.error(problem));
    }

    private Mono<Rendering> page(String consultationId, Caller caller, Formats formats, CommentForm form, String selection,
                                 FormErrors errors, HttpStatus status) {
        Mono<ApiComments.Detail> detail = api.get(caller, uri -> uri.path("/api/consultations/{id}").build(consultationId),
                ApiComments.Detail.class);
        Mono<Optional<ApiComments.Amendment>> amendment = form.amendmentId() == null ? Mono.just(Optional.empty())
                : api.get(caller, uri -> uri.path("/api/consultations/{id}/amendments/{a}").build(consultationId, form.amendmentId()),
                ApiComments.Amendment.class).map(Optional::of);
        Mono<List<ApiComments.Comment>> comments = form.replyTo() == null ? Mono.just(List.of())
                : api.get(caller, uri -> uri.path("/api/consultations/{id}/comments").build(consultationId), COMMENTS);
        return Mono.zip(detail, amendment, comments).map(all -> {
            ApiComments.Detail consultation = all.getT1();
            ConsultationNav nav = ConsultationNav.of(consultationId, consultation.title(), consultation.status(), "text", formats);
            CommentPage page = describe(consultation, all.getT2().orElse(null), all.getT3(), form, selection, errors, nav, formats);
            return Rendering.view("comment").modelAttribute("nav", nav).modelAttribute("page", page).status(status).build();
        });
    }

    /** What the comment is on, said and quoted; an id that names nothing of the consultation is a 404. */
    private static CommentPage describe(ApiComments.Detail consultation, ApiComments.Amendment amendment,
                                        List<ApiComments.Comment> comments, CommentForm form, String selection,
                                        FormErrors errors, ConsultationNav nav, Formats formats) {
        String base = ConsultationNav.pageFrom(consultation.consultationId(), form.fromProvision());
        String heading;
        String quoteIntro = "";
        String quote = "";
        String back = base;
        if (form.replyTo() != null) {
            ApiComments.Comment answered = find(comments, form.replyTo()).orElseThrow(CommentController::notFound);
            heading = formats.message("comment.heading.reply");
            quoteIntro = formats.message("comment.quote.reply", author(answered.author(), formats));
            quote = answered.body();
            back = base + "#c-" + answered.commentId();
        } else if (amendment != null) {
            String label = label(consultation, amendment.provisionId());
            heading = formats.message("comment.heading.amendment", label);
            quoteIntro = formats.message("comment.quote.amendment", author(amendment.author(), formats), label);
            quote = amendment.text() == null ? formats.message("comment.quote.deletion") : amendment.text();
            back = base + "#a-" + amendment.amendmentId();
        } else if (form.provisionId() != null) {
            ApiComments.Provision provision = consultation.provisions().stream()
                    .filter(candidate -> candidate.provisionId().equals(form.provisionId())).findFirst()
                    .orElseThrow(CommentController::notFound);
            boolean onWords = form.anchor() != null && !selection.isEmpty();
            heading = formats.message(onWords ? "comment.heading.selection" : "comment.heading.provision", provision.label());
            quoteIntro = onWords ? formats.message("comment.quote.selection", provision.label(), form.anchor().version(),
                    form.anchor().end() - form.anchor().start()) : formats.message("comment.quote.provision", provision.label());
            quote = onWords ? selection : provision.text();
            back = base + "#p-" + provision.provisionId();
        } else {
            heading = formats.message("comment.heading.consultation");
        }
        List<CommentPage.Choice> attributions = ATTRIBUTIONS.stream().map(value -> new CommentPage.Choice(value,
                formats.message("comment.attribution." + value), formats.message("comment.attribution." + value + ".hint"),
                value.equals(form.attribution()))).toList();
        return new CommentPage(nav, heading, quoteIntro, quote, form, errors, attributions, back);
    }

    private static Optional<ApiComments.Comment> find(List<ApiComments.Comment> comments, String commentId) {
        for (ApiComments.Comment comment : comments) {
            if (comment.commentId().equals(commentId)) {
                return Optional.of(comment);
            }
            Optional<ApiComments.Comment> reply = find(comment.replies() == null ? List.of() : comment.replies(), commentId);
            if (reply.isPresent()) {
                return reply;
            }
        }
        return Optional.empty();
    }

    private static String label(ApiComments.Detail consultation, String provisionId) {
        return consultation.provisions().stream().filter(provision -> provision.provisionId().equals(provisionId))
                .map(ApiComments.Provision::label).findFirst().orElse("?");
    }

    private static String author(ApiComments.Participant author, Formats formats) {
        String type = formats.message("stakeholder." + author.stakeholderType());
        return author.organisation() == null ? formats.message("comment.author.undisclosed", type)
                : formats.message("comment.author.named", author.organisation(), type);
    }

    private static ApiProblem notFound() {
        return new ApiProblem(404, "not-found", "Nothing to comment on at this address.", List.of(), null);
    }
}
