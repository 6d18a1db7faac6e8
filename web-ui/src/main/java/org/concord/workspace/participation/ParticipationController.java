package org.concord.workspace.participation;

import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/** Who took part in a consultation, and how: {@code /api/consultations/{id}/statistics} as charts and tables. */
@Controller
class ParticipationController {

    private final GatewayApi api;

    ParticipationController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping("/consultations/{id}/participation")
    Mono<Rendering> participation(@PathVariable String id, Caller caller, Formats formats) {
        Mono<ApiParticipation.Consultation> consultation = api.get(caller, uri -> uri.path("/api/consultations/{id}").build(id),
                ApiParticipation.Consultation.class);
        Mono<ApiParticipation.Statistics> statistics = api.get(caller, uri -> uri.path("/api/consultations/{id}/statistics").build(id),
                ApiParticipation.Statistics.class);
        return Mono.zip(consultation, statistics).map(both -> Rendering.view("participation")
                .modelAttribute("nav", ConsultationNav.of(id, both.getT1().title(), both.getT1().status(), "participation", formats)
                        .withLivePosition(both.getT1().position()))
                .modelAttribute("page", Participation.page(both.getT2(), formats))
                .build());
    }
}
