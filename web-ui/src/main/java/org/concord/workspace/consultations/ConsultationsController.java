package org.concord.workspace.consultations;

import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.layout.Formats;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
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
                .map(summaries -> Rendering.view("consultations")
                        .modelAttribute("page", new ConsultationsPage(filter, STATUSES.stream()
                                .map(code -> new ConsultationsPage.StatusOption(code, formats.message("status." + code), code.equals(filter)))
                                .toList(), summaries.stream()
                                .filter(summary -> filter == null || filter.equals(summary.status()))
                                .map(summary -> row(summary, formats, now))
                                .toList()))
                        .build());
    }

    static ConsultationsPage.Row row(ApiConsultations.Summary summary, Formats formats, Instant now) {
        boolean open = "OPEN".equals(summary.status()) && summary.deadline() != null;
        return new ConsultationsPage.Row("/consultations/" + summary.consultationId(), summary.title(), summary.status(),
                formats.message("status." + summary.status()), formats.message("visibility." + summary.visibility()),
                "RESTRICTED".equals(summary.visibility()),
                summary.round() == 0 ? formats.message("consultations.noRound") : formats.message("consultations.round", summary.round()),
                open ? formats.dateTime(summary.deadline()) : "",
                open ? formats.machine(summary.deadline()) : "",
                open ? formats.timeLeft(summary.deadline(), now) : "",
                formats.number(summary.comments()), formats.number(summary.amendments()));
    }
}
