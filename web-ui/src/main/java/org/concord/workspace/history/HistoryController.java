package org.concord.workspace.history;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A consultation's text through time: its versions and why each was made, the text of any version or at
 * any instant, the word-level changes between two versions, and one provision's wordings over time.
 * Every page reads the consultation first, so that an unknown (or restricted) one is a plain 404.
 */
@Controller
class HistoryController {

    private static final ParameterizedTypeReference<List<ApiHistory.Version>> VERSIONS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<ApiHistory.Wording>> WORDINGS = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;

    HistoryController(GatewayApi api) {
        this.api = api;
    }

    /** The versions, newest first: the reader comes to see what changed lately, and the current text heads the list. */
    @GetMapping("/consultations/{id}/history")
    Mono<Rendering> history(@PathVariable String id, @RequestParam(name = "page", required = false) String page,
                            Caller caller, Formats formats) {
        return Mono.zip(consultation(caller, id), versions(caller, id)).map(both -> {
            ApiHistory.Consultation consultation = both.getT1();
            List<ApiHistory.Version> versions = both.getT2();
            String base = base(consultation);
            int current = current(consultation, versions);
            VersionPages pages = VersionPages.of(page, versions.size(), VersionPages.SIZE);
            List<HistoryPage.Row> rows = new ArrayList<>();
            for (int i = pages.first(); i >= pages.last() && i >= 0; i--) {
                rows.add(row(base, versions.get(i), i == 0 ? null : versions.get(i - 1), current, formats));
            }
            String range = pages.count() == 1 ? "" : formats.message("history.list.range",
                    String.valueOf(versions.get(pages.first()).version()),
                    String.valueOf(versions.get(pages.last()).version()), versions.size(), pages.number(), pages.count());
            HistoryPage model = new HistoryPage(
                    formats.message("history.list.summary", versions.size(), String.valueOf(current)),
                    range, rows,
                    pages.hasNewer() ? base + "/history?page=" + (pages.number() - 1) : "",
                    pages.hasOlder() ? base + "/history?page=" + (pages.number() + 1) : "",
                    compare(base, versions, previous(versions, current), current, "", "", formats),
                    new Forms.AsOf(base + "/text", "", ""));
            return Rendering.view("history/history")
                    .modelAttribute("nav", nav(consultation, formats))
                    .modelAttribute("page", model)
                    .build();
        });
    }

    /** The text exactly as it stood in one version. */
    @GetMapping("/consultations/{id}/versions/{version}")
    Mono<Rendering> version(@PathVariable String id, @PathVariable int version, Caller caller, Formats formats) {
        Mono<ApiHistory.Text> text = api.get(caller, uri -> uri.path("/api/consultations/{id}/versions/{version}").build(id, version),
                ApiHistory.Text.class);
        return Mono.zip(consultation(caller, id), text, versions(caller, id)).map(all -> {
            ApiHistory.Consultation consultation = all.getT1();
            ApiHistory.Text shown = all.getT2();
            String base = base(consultation);
            int current = current(consultation, all.getT3());
            ApiHistory.Cause cause = all.getT3().stream().filter(v -> v.version() == shown.version()).findFirst()
                    .map(ApiHistory.Version::cause).orElse(null);
            TextPage model = new TextPage(
                    formats.message(shown.version() == current ? "history.version.titleCurrent" : "history.version.title", String.valueOf(shown.version())),
                    formats.message("history.version.made", Causes.preciseTime(shown.createdAt(), formats)),
                    cause == null ? "" : Causes.sentence(cause, formats),
                    Causes.acceptanceReason(cause, formats),
                    "", provisions(base, shown, formats), versionLinks(base, shown.version(), current, formats), null, List.of());
            return Rendering.view("history/text")
                    .modelAttribute("nav", nav(consultation, formats))
                    .modelAttribute("page", model)
                    .build();
        });
    }

    /** The word-level changes between two versions; the form again, with what is wrong, when they cannot be read. */
    @GetMapping("/consultations/{id}/diff")
    Mono<Rendering> diff(@PathVariable String id, @RequestParam(name = "from", required = false) String from,
                         @RequestParam(name = "to", required = false) String to, Caller caller, Formats formats) {
        return Mono.zip(consultation(caller, id), versions(caller, id)).flatMap(both -> {
            ApiHistory.Consultation consultation = both.getT1();
            List<ApiHistory.Version> versions = both.getT2();
            String base = base(consultation);
            int current = current(consultation, versions);
            VersionChoice choice = VersionChoice.of(from, to, versions);
            if (!choice.valid()) {
                String fromError = versionError("from", choice.fromError(), from, versions, formats);
                String toError = versionError("to", choice.toError(), to, versions, formats);
                List<Forms.Error> errors = new ArrayList<>();
                if (!fromError.isEmpty()) {
                    errors.add(new Forms.Error(fromError, "#from"));
                }
                if (!toError.isEmpty()) {
                    errors.add(new Forms.Error(toError, "#to"));
                }
                DiffPage model = new DiffPage(formats.message("history.diff.titleChoose"), "", "", "", List.of(), List.of(),
                        compare(base, versions, choice.from() != null ? choice.from() : previous(versions, current),
                                choice.to() != null ? choice.to() : current, fromError, toError, formats), errors);
                return Mono.just(Rendering.view("history/diff")
                        .modelAttribute("nav", nav(consultation, formats))
                        .modelAttribute("page", model)
                        .status(HttpStatus.valueOf(choice.status()))
                        .build());
            }
            return api.get(caller, uri -> uri.path("/api/consultations/{id}/diff").queryParam("from", choice.from())
                    .queryParam("to", choice.to()).build(id), ApiHistory.Diff.class).map(diff -> {
                Map<Integer, ApiHistory.Version> byNumber = versions.stream()
                        .collect(Collectors.toMap(ApiHistory.Version::version, Function.identity(), (a, b) -> a));
                DiffPage model = diffPage(base, diff, byNumber, versions, current, formats);
                return Rendering.view("history/diff")
                        .modelAttribute("nav", nav(consultation, formats))
                        .modelAttribute("page", model)
                        .build();
            });
        });
    }

    /** The text as it stood at an instant; the form alone without one; a message before the consultation existed. */
    @GetMapping("/consultations/{id}/text")
    Mono<Rendering> textAt(@PathVariable String id, @RequestParam(name = "asOf", required = false) String asOf,
                           Caller caller, Formats formats) {
        return consultation(caller, id).flatMap(consultation -> {
            String base = base(consultation);
            int current = consultation.version();
            String title = formats.message("history.asOf.title");
            if (asOf == null) {
                return Mono.just(textAtPage(consultation, new TextPage(title, "", "", "", "", List.of(), List.of(),
                        new Forms.AsOf(base + "/text", "", ""), List.of()), HttpStatus.OK, formats));
            }
            Optional<Instant> instant = AsOf.parse(asOf);
            Mono<Rendering> invalid = Mono.fromSupplier(() -> {
                String error = formats.message(asOf.isBlank() ? "history.asOf.error.missing" : "history.asOf.error.invalid");
                return textAtPage(consultation, new TextPage(title, "", "", "", "", List.of(), List.of(),
                        new Forms.AsOf(base + "/text", asOf, error), List.of(new Forms.Error(error, "#asOf"))), HttpStatus.BAD_REQUEST, formats);
            });
            if (instant.isEmpty()) {
                return invalid;
            }
            Instant at = instant.get();
            Forms.AsOf form = new Forms.AsOf(base + "/text", AsOf.fieldValue(at), "");
            String atTitle = formats.message("history.asOf.titleAt", Causes.preciseTime(at, formats));
            return api.get(caller, uri -> uri.path("/api/consultations/{id}/text").queryParam("asOf", "{asOf}").build(id, at.toString()),
                            ApiHistory.Text.class)
                    .map(text -> textAtPage(consultation, new TextPage(atTitle,
                            formats.message("history.asOf.about", String.valueOf(text.version()), Causes.preciseTime(text.createdAt(), formats)),
                            "", "", "", provisions(base, text, formats), versionLinks(base, text.version(), current, formats), form, List.of()),
                            HttpStatus.OK, formats))
                    // the consultation exists (it was just read): a 404 here means it had no text yet then
                    // an instant the API cannot take (a year past 9999): the same as one that could not be read
                    .onErrorResume(ApiProblem.class, problem -> problem.status() == 400 ? invalid : Mono.error(problem))
                    .onErrorResume(ApiProblem.class, problem -> problem.status() != 404 ? Mono.error(problem)
                            : Mono.just(textAtPage(consultation, new TextPage(atTitle, "", "", "",
                            formats.message("history.asOf.noTextYet", Causes.preciseTime(consultation.createdAt(), formats)),
                            List.of(), List.of(new TextPage.Link(base + "/versions/1", formats.message("history.asOf.firstVersion"))),
                            form, List.of()), HttpStatus.NOT_FOUND, formats)));
        });
    }

    /** One provision's wordings over time, oldest first, each with its cause and a link to its word-level changes. */
    @GetMapping("/consultations/{id}/history/provisions/{provisionId}")
    Mono<Rendering> provision(@PathVariable String id, @PathVariable String provisionId, Caller caller, Formats formats) {
        Mono<List<ApiHistory.Wording>> wordings = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/provisions/{provisionId}/history").build(id, provisionId), WORDINGS);
        return Mono.zip(consultation(caller, id), wordings, versions(caller, id)).map(all -> {
            ApiHistory.Consultation consultation = all.getT1();
            Map<Integer, ApiHistory.Version> byNumber = all.getT3().stream()
                    .collect(Collectors.toMap(ApiHistory.Version::version, Function.identity(), (a, b) -> a));
            ProvisionPage model = ProvisionHistory.page(base(consultation), provisionId, all.getT2(), byNumber, formats);
            return Rendering.view("history/provision")
                    .modelAttribute("nav", nav(consultation, formats))
                    .modelAttribute("page", model)
                    .build();
        });
    }

    private Mono<ApiHistory.Consultation> consultation(Caller caller, String id) {
        return api.get(caller, uri -> uri.path("/api/consultations/{id}").build(id), ApiHistory.Consultation.class);
    }

    private Mono<List<ApiHistory.Version>> versions(Caller caller, String id) {
        return api.get(caller, uri -> uri.path("/api/consultations/{id}/versions").build(id), VERSIONS);
    }

    private static ConsultationNav nav(ApiHistory.Consultation consultation, Formats formats) {
        return ConsultationNav.of(consultation.consultationId(), consultation.title(), consultation.status(), "history", formats)
                .withLivePosition(consultation.position());
    }

    static String base(ApiHistory.Consultation consultation) {
        return "/consultations/" + UriUtils.encodePathSegment(consultation.consultationId(), StandardCharsets.UTF_8);
    }

    /** The newest version the list knows, or the consultation's own number when the list is empty or behind. */
    private static int current(ApiHistory.Consultation consultation, List<ApiHistory.Version> versions) {
        return versions.isEmpty() ? consultation.version() : Math.max(consultation.version(), versions.get(versions.size() - 1).version());
    }

    /** The version before {@code current} in the list, or {@code current} itself when it is the first. */
    private static int previous(List<ApiHistory.Version> versions, int current) {
        int previous = current;
        for (ApiHistory.Version version : versions) {
            if (version.version() < current) {
                previous = version.version();
            }
        }
        return previous;
    }

    private static HistoryPage.Row row(String base, ApiHistory.Version version, ApiHistory.Version before, int current, Formats formats) {
        String number = String.valueOf(version.version());
        return new HistoryPage.Row("v-" + number,
                formats.message(version.version() == current ? "history.version.titleCurrent" : "history.version.title", number),
                base + "/versions/" + number,
                Causes.preciseTime(version.createdAt(), formats), formats.machine(version.createdAt()),
                Causes.sentence(version.cause(), formats), Causes.acceptanceReason(version.cause(), formats),
                before == null ? "" : base + "/diff?from=" + before.version() + "&to=" + number,
                before == null ? "" : formats.message("history.list.diff", String.valueOf(before.version()), number));
    }

    /** The compare form, its choices newest first like the list, with {@code from} and {@code to} chosen. */
    static Forms.Compare compare(String base, List<ApiHistory.Version> versions, int from, int to, String fromError, String toError,
                                 Formats formats) {
        List<Forms.Option> fromOptions = new ArrayList<>(versions.size());
        List<Forms.Option> toOptions = new ArrayList<>(versions.size());
        for (int i = versions.size() - 1; i >= 0; i--) {
            ApiHistory.Version version = versions.get(i);
            String number = String.valueOf(version.version());
            String label = formats.message("history.compare.option", number, Causes.preciseTime(version.createdAt(), formats));
            fromOptions.add(new Forms.Option(number, label, version.version() == from));
            toOptions.add(new Forms.Option(number, label, version.version() == to));
        }
        return new Forms.Compare(base + "/diff", fromOptions, toOptions, fromError, toError);
    }

    private static String versionError(String field, String error, String value, List<ApiHistory.Version> versions, Formats formats) {
        if (error.isEmpty()) {
            return "";
        }
        if (error.equals("unknown")) {
            return versions.isEmpty() ? formats.message("history.compare.error." + field + ".none")
                    : formats.message("history.compare.error." + field + ".unknown", value.strip(),
                    String.valueOf(versions.get(0).version()), String.valueOf(versions.get(versions.size() - 1).version()));
        }
        return formats.message("history.compare.error." + field + "." + error);
    }

    static DiffPage diffPage(String base, ApiHistory.Diff diff, Map<Integer, ApiHistory.Version> versions,
                             List<ApiHistory.Version> all, int current, Formats formats) {
        String from = String.valueOf(diff.from());
        String to = String.valueOf(diff.to());
        List<DiffPage.Change> changes = diff.changes() == null ? List.of() : diff.changes().stream().map(change -> {
            String label = Causes.provision(change.label(), formats);
            String kind = Causes.change(change.change(), formats);
            return new DiffPage.Change("p-" + change.provisionId(), label, kind, formats.message("history.diff.changeHeading", label, kind),
                    DiffRuns.views(change.inline(), formats::message),
                    base + "/history/provisions/" + UriUtils.encodePathSegment(change.provisionId(), StandardCharsets.UTF_8),
                    formats.message("history.provision.historyLink", change.label() == null ? "" : change.label()));
        }).toList();
        ApiHistory.Version fromVersion = versions.get(diff.from());
        ApiHistory.Version toVersion = versions.get(diff.to());
        String about = formats.message("history.diff.about", from,
                fromVersion == null ? "" : Causes.preciseTime(fromVersion.createdAt(), formats), to,
                toVersion == null ? "" : Causes.preciseTime(toVersion.createdAt(), formats));
        return new DiffPage(formats.message("history.diff.title", from, to), about,
                changes.isEmpty() ? "" : formats.message("history.diff.count", changes.size()),
                changes.isEmpty() ? formats.message(diff.from() == diff.to() ? "history.diff.sameVersion" : "history.diff.noChange") : "",
                changes,
                List.of(new TextPage.Link(base + "/versions/" + from, formats.message("history.diff.textOf", from)),
                        new TextPage.Link(base + "/versions/" + to, formats.message("history.diff.textOf", to))),
                compare(base, all, diff.from(), diff.to(), "", "", formats), List.of());
    }

    private static List<TextPage.Provision> provisions(String base, ApiHistory.Text text, Formats formats) {
        return text.provisions() == null ? List.of() : text.provisions().stream().map(provision -> new TextPage.Provision(
                "p-" + provision.provisionId(), provision.label(), provision.text(),
                base + "/history/provisions/" + UriUtils.encodePathSegment(provision.provisionId(), StandardCharsets.UTF_8),
                formats.message("history.provision.historyLink", provision.label() == null ? "" : provision.label()))).toList();
    }

    /** The versions around {@code version}: before and after it, the changes it made, the current text. */
    private static List<TextPage.Link> versionLinks(String base, int version, int current, Formats formats) {
        List<TextPage.Link> links = new ArrayList<>();
        if (version > 1) {
            String before = String.valueOf(version - 1);
            links.add(new TextPage.Link(base + "/diff?from=" + before + "&to=" + version,
                    formats.message("history.list.diff", before, String.valueOf(version))));
            links.add(new TextPage.Link(base + "/versions/" + before, formats.message("history.version.previous", before)));
        }
        if (version < current) {
            String after = String.valueOf(version + 1);
            links.add(new TextPage.Link(base + "/versions/" + after, formats.message("history.version.next", after)));
            links.add(new TextPage.Link(base + "/diff?from=" + version + "&to=" + current,
                    formats.message("history.version.sinceThen", String.valueOf(version), String.valueOf(current))));
        }
        int page = (current - version) / VersionPages.SIZE + 1;
        links.add(new TextPage.Link(base + "/history" + (page > 1 ? "?page=" + page : "") + "#v-" + version,
                formats.message("history.version.inList")));
        return links;
    }

    private static Rendering textAtPage(ApiHistory.Consultation consultation, TextPage page, HttpStatus status, Formats formats) {
        return Rendering.view("history/text")
                .modelAttribute("nav", nav(consultation, formats))
                .modelAttribute("page", page)
                .status(status)
                .build();
    }
}
