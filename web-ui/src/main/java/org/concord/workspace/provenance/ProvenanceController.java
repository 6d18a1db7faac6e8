package org.concord.workspace.provenance;

import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Who wrote the current text: each passage with its source, from the API's provenance. */
@Controller
class ProvenanceController {

    private static final ParameterizedTypeReference<List<ApiProvenance.Amendment>> AMENDMENTS = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;

    ProvenanceController(GatewayApi api) {
        this.api = api;
    }

    @GetMapping("/consultations/{id}/provenance")
    Mono<Rendering> provenance(@PathVariable String id, Caller caller, Formats formats) {
        Mono<ApiProvenance.Consultation> consultation = api.get(caller,
                uri -> uri.path("/api/consultations/{id}").build(id), ApiProvenance.Consultation.class);
        Mono<ApiProvenance.Provenance> provenance = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/provenance").build(id), ApiProvenance.Provenance.class);
        Mono<List<ApiProvenance.Amendment>> amendments = api.get(caller,
                uri -> uri.path("/api/consultations/{id}/amendments").build(id), AMENDMENTS);
        return Mono.zip(consultation, provenance, amendments).map(all -> {
            ApiProvenance.Consultation detail = all.getT1();
            Map<String, String> proposers = new HashMap<>();
            for (ApiProvenance.Amendment amendment : all.getT3()) {
                if (amendment.author() != null && amendment.author().organisation() != null) {
                    proposers.put(amendment.amendmentId(), amendment.author().organisation());
                }
            }
            return Rendering.view("provenance")
                    .modelAttribute("nav", ConsultationNav.of(id, detail.title(), detail.status(), "provenance", formats)
                            .withLivePosition(detail.position()))
                    .modelAttribute("page", ProvenancePages.build(id, all.getT2(), proposers, formats))
                    .build();
        });
    }
}
