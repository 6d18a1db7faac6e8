package org.concord.workspace.consultations;

import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.layout.Formats;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The consultations the reader may see, with their status, round, deadline and activity. */
@Controller
class ConsultationsController {

    static final List<String> STATUSES = List.of("DRAFT", "PROPOSED", "OPEN", "CLOSED", "ADOPTED");
    private static final ParameterizedTypeReference<List<ApiConsultations.Summary>> SUMMARIES = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;
    private final Clock clock;

    ConsultationsController(GatewayApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping({"/", "/consultations"})
    Mono<Rendering> list(@RequestParam(name = "status", required = false) String status, Caller caller, Formats formats) {
        String filter = status != null && STATUSES.contains(status) ? status : null;
        Instant now = clock.instant();
        return api.get(caller, uri -> uri.path("/api/consultations").build(), SUMMARIES)
                .flatMapMany(Flux::fromIterable)
                .filter(summary -> filter == null || filter.equals(summary.status()))
                .flatMapSequential(summary -> row(caller, summary, formats, now), 4)
                .collectList()
                .map(rows -> Rendering.view("consultations")
                        .modelAttribute("page", new ConsultationsPage(filter, STATUSES.stream()
                                .map(code -> new ConsultationsPage.StatusOption(code, formats.message("status." + code), code.equals(filter)))
                                .toList(), rows))
                        .build());
    }

    private Mono<ConsultationsPage.Row> row(Caller caller, ApiConsultations.Summary summary, Formats formats, Instant now) {
        String id = summary.consultationId();
        Mono<ApiConsultations.Detail> detail = api.get(caller, uri -> uri.path("/api/consultations/{id}").build(id), ApiConsultations.Detail.class);
        Mono<ApiConsultations.Statistics> statistics = api.get(caller, uri -> uri.path("/api/consultations/{id}/statistics").build(id),
                ApiConsultations.Statistics.class);
        return Mono.zip(detail, statistics).map(both -> {
            ApiConsultations.Round round = both.getT1().round();
            boolean open = round != null && "OPEN".equals(round.status());
            ApiConsultations.Counts total = both.getT2().total();
            return new ConsultationsPage.Row("/consultations/" + id, summary.title(), summary.status(),
                    formats.message("status." + summary.status()), formats.message("visibility." + summary.visibility()),
                    "RESTRICTED".equals(summary.visibility()),
                    round == null ? formats.message("consultations.noRound") : formats.message("consultations.round", round.number()),
                    open ? formats.dateTime(round.deadline()) : "",
                    open ? formats.machine(round.deadline()) : "",
                    open ? formats.timeLeft(round.deadline(), now) : "",
                    formats.number(total.comments()), formats.number(total.amendments()));
        });
    }
}
