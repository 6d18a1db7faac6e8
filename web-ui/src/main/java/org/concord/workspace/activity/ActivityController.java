package org.concord.workspace.activity;

import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.form.Forms;
import org.concord.workspace.layout.Formats;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/**
 * My activity: the signed-in person's comments and amendments in every consultation they may see, and what
 * became of each. The API has no "by author" query, so the page reads each consultation's amendments and
 * comments (four consultations at a time) and keeps the person's own.
 */
@Controller
class ActivityController {

    private static final ParameterizedTypeReference<List<Consultation>> CONSULTATIONS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Activity.Amendment>> AMENDMENTS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Activity.Comment>> COMMENTS = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;

    ActivityController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping("/my-activity")
    Mono<Rendering> activity(ServerWebExchange exchange, Caller caller, Formats formats) {
        if (!caller.signedIn()) {
            return Mono.just(Forms.signInFirst(exchange));
        }
        String me = caller.person().participantId();
        return api.get(caller, uri -> uri.path("/api/consultations").build(), CONSULTATIONS)
                .flatMapMany(Flux::fromIterable)
                .flatMapSequential(consultation -> Mono.zip(
                        api.get(caller, uri -> uri.path("/api/consultations/{id}/amendments").build(consultation.consultationId()), AMENDMENTS),
                        api.get(caller, uri -> uri.path("/api/consultations/{id}/comments").build(consultation.consultationId()), COMMENTS))
                        .map(both -> Activity.of(consultation.consultationId(), consultation.title(), me, both.getT1(), both.getT2(), formats)), 4)
                .filter(activity -> !activity.isEmpty())
                .collectList()
                .map(activities -> Rendering.view("activity").modelAttribute("activities", activities).build());
    }

    /** An item of {@code GET /api/consultations}. */
    record Consultation(String consultationId, String title, String status, Instant deadline) {
    }
}
