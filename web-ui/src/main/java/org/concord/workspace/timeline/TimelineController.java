package org.concord.workspace.timeline;

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
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What happened in a consultation, event by event, told in the page's language. */
@Controller
class TimelineController {

    static final ParameterizedTypeReference<List<ApiTimeline.Amendment>> AMENDMENTS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<ApiTimeline.Entry>> ENTRIES = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;

    TimelineController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping("/consultations/{id}/timeline")
    Mono<Rendering> timeline(@PathVariable String id, @RequestParam(name = "after", required = false) String afterParameter,
                             Caller caller, Formats formats) {
        Long after = TimelinePages.after(afterParameter);
        if (after == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "after must be a whole number from 0"));
        }
        Mono<ApiTimeline.Consultation> consultation = api.get(caller,
                uri -> uri.path("/api/consultations/{id}").build(id), ApiTimeline.Consultation.class);
        Mono<List<ApiTimeline.Amendment>> amendments = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/amendments").build(id), AMENDMENTS);
        Mono<List<ApiTimeline.Entry>> entries = api.get(caller, uri -> uri.path("/api/consultations/{id}/history")
                .queryParam("after", after).queryParam("limit", TimelinePages.PAGE_SIZE + 1).build(id), ENTRIES);
        return Mono.zip(consultation, amendments, entries).flatMap(all -> {
            ApiTimeline.Consultation detail = all.getT1();
            Map<String, ApiTimeline.Amendment> byId = all.getT2().stream()
                    .collect(Collectors.toMap(ApiTimeline.Amendment::amendmentId, Function.identity(), (a, b) -> a));
            List<ApiTimeline.Entry> fetched = all.getT3();
            return ProvisionLabels.of(detail.provisions())
                    .with(TimelinePages.learntLabels(fetched))
                    .complete(api, caller, id, TimelinePages.provisionsNamed(fetched, byId))
                    .map(labels -> Rendering.view("timeline")
                            .modelAttribute("nav", ConsultationNav.of(id, detail.title(), detail.status(), "timeline", formats)
                                    .withLivePosition(detail.position()))
                            .modelAttribute("page", TimelinePages.build(id, after, fetched,
                                    new TimelineSentences(id, labels, byId, formats), formats))
                            .build());
        });
    }
}
