package org.concord.workspace.timeline;

import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.stream.Collectors;

/** The decision on every amendment, as a table and as the API's CSV. */
@Controller
class DispositionsController {

    private static final ParameterizedTypeReference<List<ApiTimeline.Disposition>> DISPOSITIONS = new ParameterizedTypeReference<>() {
    };
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final GatewayApi api;

    DispositionsController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping("/consultations/{id}/dispositions")
    Mono<Rendering> dispositions(@PathVariable String id, Caller caller, Formats formats) {
        Mono<ApiTimeline.Consultation> consultation = api.get(caller,
                uri -> uri.path("/api/consultations/{id}").build(id), ApiTimeline.Consultation.class);
        Mono<List<ApiTimeline.Disposition>> dispositions = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/dispositions").build(id), DISPOSITIONS);
        return Mono.zip(consultation, dispositions).flatMap(both -> {
            ApiTimeline.Consultation detail = both.getT1();
            return ProvisionLabels.of(detail.provisions())
                    .complete(api, caller, id, both.getT2().stream().map(ApiTimeline.Disposition::provisionId)
                            .collect(Collectors.toSet()))
                    .map(labels -> Rendering.view("dispositions")
                            .modelAttribute("nav", ConsultationNav.of(id, detail.title(), detail.status(), "dispositions", formats)
                                    .withLivePosition(detail.position()))
                            .modelAttribute("page", Dispositions.build(id, detail.title(), both.getT2(), labels, formats))
                            .build());
        });
    }

    /** The API's CSV, asked as the reader (a RESTRICTED consultation's too), with its type and file name. */
    @GetMapping("/consultations/{id}/dispositions.csv")
    Mono<ResponseEntity<byte[]>> csv(@PathVariable String id, Caller caller) {
        return api.download(caller, uri -> uri.path("/api/consultations/{id}/dispositions").build(id), CSV)
                .map(answer -> {
                    HttpHeaders headers = new HttpHeaders();
                    MediaType type = answer.getHeaders().getContentType();
                    headers.setContentType(type == null ? CSV : type);
                    String disposition = answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
                    headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition != null ? disposition
                            : "attachment; filename=\"dispositions-" + id.replaceAll("[^A-Za-z0-9-]", "") + ".csv\"");
                    return ResponseEntity.ok().headers(headers).body(answer.getBody() == null ? new byte[0] : answer.getBody());
                });
    }
}
