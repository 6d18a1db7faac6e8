package org.concord.workspace.drafting;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.form.FormKey;
import org.concord.workspace.form.Forms;
import org.concord.workspace.form.Writes;
import org.concord.workspace.layout.Formats;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A new consultation: its title, summary, visibility and provisions. A drafter's starts as a draft; a
 * participant's as a proposal the drafters take up. Rows of provisions are added and removed by the form
 * itself ("Add a provision"), so that it works without JavaScript.
 */
@Controller
class NewConsultationController {

    static final int MAX_ROWS = 1_000;
    private static final Pattern LABEL = Pattern.compile("[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*");

    private final Writes writes;

    NewConsultationController(Writes writes) {
        this.writes = writes;
    }

    /** The form's values. */
    record Form(String title, String summary, String visibility, List<Row> rows, String formKey) {

        static Form empty() {
            return new Form("", "", "PUBLIC", List.of(new Row("1", ""), new Row("2", ""), new Row("3", "")), FormKey.fresh());
        }

        static Form from(MultiValueMap<String, String> data) {
            List<String> labels = data.getOrDefault("label", List.of());
            List<String> texts = data.getOrDefault("text", List.of());
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < Math.min(Math.max(labels.size(), texts.size()), MAX_ROWS); i++) {
                rows.add(new Row(i < labels.size() ? labels.get(i).strip() : "", i < texts.size() ? texts.get(i) : ""));
            }
            String visibility = "RESTRICTED".equals(data.getFirst("visibility")) ? "RESTRICTED" : "PUBLIC";
            return new Form(orEmpty(data.getFirst("title")).strip(), orEmpty(data.getFirst("summary")), visibility, rows,
                    FormKey.sent(data.getFirst(FormKey.FIELD)));
        }

        Form withRows(List<Row> rows) {
            return new Form(title, summary, visibility, rows, formKey);
        }

        Form again() {
            return new Form(title, summary, visibility, rows, FormKey.fresh());
        }

        /** The rows with something in them, in order: the provisions to create. */
        List<Row> filled() {
            List<Row> filled = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!rows.get(i).blank(i)) {
                    filled.add(rows.get(i));
                }
            }
            return filled;
        }
    }

    record Row(String label, String text) {

        /**
         * Whether the i-th row (from 0) is left empty, and ignored as the form says: no wording, and no label or
         * only the label the form suggested for it (i + 1), which nobody typed.
         */
        boolean blank(int i) {
            return text.isBlank() && (label.isEmpty() || label.equals(String.valueOf(i + 1)));
        }
    }

    @GetMapping("/consultations/new")
    Mono<Rendering> form(ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        Forms.requireRole(caller, "DRAFTER", "PARTICIPANT");
        return Mono.just(render(Form.empty(), FormErrors.none(), caller, formats, HttpStatus.OK));
    }

    @PostMapping("/consultations/new")
    Mono<Rendering> create(ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst("/consultations/new"));
        }
        return exchange.getFormData().flatMap(data -> {
            Form form = Form.from(data);
            String action = orEmpty(data.getFirst("action"));
            if (action.equals("add")) {
                List<Row> rows = new ArrayList<>(form.rows());
                rows.add(new Row("", ""));
                return Mono.just(render(form.withRows(rows), FormErrors.none(), caller, formats, HttpStatus.OK));
            }
            if (action.equals("remove") && form.rows().size() > 1) {
                return Mono.just(render(form.withRows(form.rows().subList(0, form.rows().size() - 1)), FormErrors.none(), caller, formats, HttpStatus.OK));
            }
            List<Row> provisions = form.filled();
            FormErrors.Builder check = FormErrors.check(formats)
                    .required("title", form.title(), "new.error.title").atMost("title", form.title(), 300)
                    .atMost("summary", form.summary(), 5_000)
                    .when(provisions.isEmpty(), "label-0", "new.error.none");
            Set<String> labels = new HashSet<>();
            for (int i = 0; i < form.rows().size(); i++) {
                Row row = form.rows().get(i);
                if (row.blank(i)) {
                    continue;
                }
                check.required("label-" + i, row.label(), "new.error.label")
                        .when(!row.label().isEmpty() && !LABEL.matcher(row.label()).matches(), "label-" + i, "form.api.label")
                        .when(!row.label().isEmpty() && !labels.add(row.label()), "label-" + i, "new.error.labelTwice", row.label())
                        .atMost("label-" + i, row.label(), 32)
                        .required("text-" + i, row.text(), "new.error.text").atMost("text-" + i, row.text(), 20_000);
            }
            if (check.any()) {
                return Mono.just(render(form.again(), check.build(), caller, formats, HttpStatus.BAD_REQUEST));
            }
            Map<String, Object> body = Map.of("title", form.title(), "summary", form.summary(), "visibility", form.visibility(),
                    "provisions", provisions.stream().map(row -> Map.of("label", row.label(), "text", row.text())).toList());
            return writes.post(exchange, caller, uri -> uri.path("/api/consultations").build(), body, form.formKey())
                    .map(written -> Forms.seeOther("/consultations/" + written.text("consultationId")))
                    .onErrorResume(ApiProblem.class, problem -> problem.status() == 400 || problem.status() == 409
                            ? Mono.just(render(form.again(), FormErrors.check(formats).refusal(problem, fields(form),
                            "new.error.refused").build(), caller, formats, HttpStatus.valueOf(problem.status())))
                            : Mono.error(problem));
        });
    }

    /** The API's {@code provisions[i].label} beside the form's row of the i-th filled row. */
    private static Map<String, String> fields(Form form) {
        Map<String, String> fields = new HashMap<>(Map.of("title", "title", "summary", "summary", "visibility", "visibility-PUBLIC"));
        int filled = 0;
        for (int i = 0; i < form.rows().size(); i++) {
            Row row = form.rows().get(i);
            if (!row.blank(i)) {
                fields.put("provisions[" + filled + "].label", "label-" + i);
                fields.put("provisions[" + filled + "].text", "text-" + i);
                filled++;
            }
        }
        return fields;
    }

    private static Rendering render(Form form, FormErrors errors, Caller caller, Formats formats, HttpStatus status) {
        boolean drafter = caller.person() != null && caller.person().drafter();
        return Rendering.view("consultation-new").modelAttribute("form", form).modelAttribute("errors", errors)
                .modelAttribute("intro", formats.message(drafter ? "new.intro.drafter" : "new.intro.participant"))
                .status(status).build();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
