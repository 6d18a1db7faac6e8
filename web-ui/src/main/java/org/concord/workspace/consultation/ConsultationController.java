package org.concord.workspace.consultation;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A consultation's current text, its pending amendments as tracked changes and its comments; and one provision
 * with its whole discussion, the page a comment on a provision leads to.
 */
@Controller
class ConsultationController {

    private static final ParameterizedTypeReference<List<ApiConsultation.Amendment>> AMENDMENTS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<ApiConsultation.Comment>> COMMENTS = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;
    private final Clock clock;

    ConsultationController(GatewayApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** Three calls, whatever the length of the text: the consultation, all its amendments, all its comments. */
    @GetMapping("/consultations/{consultationId}")
    Mono<Rendering> text(@PathVariable String consultationId, @RequestParam(required = false) String notice, Caller caller,
                         Formats formats) {
        Mono<ApiConsultation.Detail> detail = api.get(caller,
                uri -> uri.path("/api/consultations/{id}").build(consultationId), ApiConsultation.Detail.class);
        Mono<List<ApiConsultation.Amendment>> amendments = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/amendments").build(consultationId), AMENDMENTS);
        Mono<List<ApiConsultation.Comment>> comments = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/comments").build(consultationId), COMMENTS);
        return Mono.zip(detail, amendments, comments).map(all -> {
            Instant now = clock.instant();
            ApiConsultation.Detail consultation = all.getT1();
            ConsultationPage page = ConsultationPages.build(consultation, all.getT2(), all.getT3(), formats, now);
            Viewer viewer = viewer(caller, consultation, now);
            return Rendering.view("consultation")
                    .modelAttribute("nav", page.nav())
                    .modelAttribute("page", page)
                    .modelAttribute("viewer", viewer)
                    .modelAttribute("selection", viewer.comment() ? Selection.of(consultation.version(), viewer.propose()) : null)
                    .modelAttribute("notice", Notices.text(notice, formats))
                    .build();
        });
    }

    /**
     * One provision of the current text with its pending amendments and every comment on it or on its amendments.
     * Its cost follows that provision's discussion, not the consultation's: the comments are asked for by provision
     * and by amendment (one call per amendment of the provision), never all of them.
     */
    @GetMapping("/consultations/{consultationId}/provisions/{provisionId}")
    Mono<Rendering> provision(@PathVariable String consultationId, @PathVariable String provisionId,
                              @RequestParam(required = false) String notice, Caller caller, Formats formats) {
        Mono<ApiConsultation.Detail> detail = api.get(caller,
                uri -> uri.path("/api/consultations/{id}").build(consultationId), ApiConsultation.Detail.class);
        Mono<List<ApiConsultation.Amendment>> amendments = api.get(caller,
                        uri -> uri.path("/api/consultations/{id}/amendments").build(consultationId), AMENDMENTS)
                .map(all -> all.stream().filter(amendment -> provisionId.equals(amendment.provisionId())).toList());
        Mono<List<ApiConsultation.Comment>> onProvision = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/comments").queryParam("provisionId", "{p}").build(consultationId, provisionId),
                COMMENTS);
        return Mono.zip(detail, amendments, onProvision).flatMap(all -> Flux.fromIterable(all.getT2())
                .concatMap(amendment -> api.get(caller, uri -> uri.path("/api/consultations/{id}/comments")
                        .queryParam("amendmentId", "{a}").build(consultationId, amendment.amendmentId()), COMMENTS))
                .collectList()
                .map(onAmendments -> {
                    Instant now = clock.instant();
                    ApiConsultation.Detail consultation = all.getT1();
                    ConsultationPage page = ConsultationPages.discussion(consultation, all.getT2(), all.getT3(), onAmendments, formats, now);
                    ConsultationPage.ProvisionView provision = page.provisions().stream()
                            .filter(candidate -> candidate.provisionId().equals(provisionId)).findFirst()
                            .orElseThrow(() -> new ApiProblem(404, "not-found",
                                    "This provision is not in the consultation's current text.", List.of(), null));
                    return Rendering.view("provision")
                            .modelAttribute("nav", page.nav())
                            .modelAttribute("page", page)
                            .modelAttribute("provision", provision)
                            .modelAttribute(ConsultationNav.FROM_PROVISION, provisionId)
                            .modelAttribute("viewer", viewer(caller, consultation, now))
                            .modelAttribute("notice", Notices.text(notice, formats))
                            .build();
                }));
    }

    private static Viewer viewer(Caller caller, ApiConsultation.Detail consultation, Instant now) {
        return Viewer.of(caller, consultation.status(), consultation.round() == null ? null : consultation.round().deadline(), now);
    }
}
