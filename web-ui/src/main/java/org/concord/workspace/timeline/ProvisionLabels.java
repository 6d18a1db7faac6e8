package org.concord.workspace.timeline;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.springframework.core.ParameterizedTypeReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labels of a consultation's provisions, by provisionId: those of the current text, and those of
 * provisions deleted since (from their history, asked only for the ones a page names). A provision keeps
 * its label for life: a revision or an amendment rewords a provision, it never renumbers it.
 */
final class ProvisionLabels {

    private static final ParameterizedTypeReference<List<ApiTimeline.ProvisionVersion>> HISTORY = new ParameterizedTypeReference<>() {
    };

    private final Map<String, String> labels;
    private final Set<String> current;

    ProvisionLabels(Map<String, String> labels, Set<String> current) {
        this.labels = Map.copyOf(labels);
        this.current = Set.copyOf(current);
    }

    static ProvisionLabels of(List<ApiTimeline.Provision> provisions) {
        Map<String, String> labels = new HashMap<>();
        for (ApiTimeline.Provision provision : provisions) {
            labels.put(provision.provisionId(), provision.label());
        }
        return new ProvisionLabels(labels, labels.keySet());
    }

    /** The provision's label, or null when it is not known. */
    String label(String provisionId) {
        return provisionId == null ? null : labels.get(provisionId);
    }

    /** Whether the provision is in the current text, so that a link to its anchor leads somewhere. */
    boolean inText(String provisionId) {
        return provisionId != null && current.contains(provisionId);
    }

    /** These labels, with {@code learnt} (labels a page read in its own events) where none was known. */
    ProvisionLabels with(Map<String, String> learnt) {
        Map<String, String> all = new HashMap<>(learnt);
        all.putAll(labels);
        return new ProvisionLabels(all, current);
    }

    /** These labels, completed with the history of each of {@code wanted} not known yet (a deleted provision). */
    Mono<ProvisionLabels> complete(GatewayApi api, Caller caller, String consultationId, Collection<String> wanted) {
        Set<String> missing = new HashSet<>();
        for (String id : wanted) {
            if (id != null && !labels.containsKey(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Mono.just(this);
        }
        return Flux.fromIterable(missing)
                .flatMap(id -> api.get(caller, uri -> uri.path("/api/consultations/{id}/provisions/{provisionId}/history")
                                        .build(consultationId, id), HISTORY)
                                .map(history -> Map.entry(id, lastLabel(history)))
                                .onErrorResume(ApiProblem.class, problem -> problem.status() == 404 ? Mono.empty() : Mono.error(problem)),
                        4)
                .filter(entry -> entry.getValue() != null)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(this::with);
    }

    private static String lastLabel(List<ApiTimeline.ProvisionVersion> history) {
        String label = null;
        for (ApiTimeline.ProvisionVersion version : history) {
            if (version.label() != null) {
                label = version.label();
            }
        }
        return label;
    }
}
