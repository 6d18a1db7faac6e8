package org.concord.gateway.balancing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Sends every command about one consultation to the same command-side instance, so that one process
 * handles them one after the other, as Axon does within a process, instead of two processes racing on
 * the consultation and one of them answering 409 "retry". The instance is chosen by rendezvous hashing
 * of the consultation id over the healthy instances: when one disappears, only its consultations move.
 * A request retried because its instance refused the connection goes to the next instance in that
 * consultation's ranking. Commands about no consultation yet (a registration, a new consultation) are
 * spread round-robin.
 */
class ConsultationAffinity implements ReactorServiceInstanceLoadBalancer {

    private static final Pattern CONSULTATION = Pattern.compile("^/api/consultations/([^/]+)");
    private static final String ATTEMPT = ConsultationAffinity.class.getName() + ".attempt";

    private final ObjectProvider<ServiceInstanceListSupplier> instances;
    private final RoundRobinLoadBalancer roundRobin;

    ConsultationAffinity(ObjectProvider<ServiceInstanceListSupplier> instances, String serviceId) {
        this.instances = instances;
        this.roundRobin = new RoundRobinLoadBalancer(instances, serviceId);
    }

    @Override
    public Mono<Response<ServiceInstance>> choose(Request request) {
        if (!(request.getContext() instanceof RequestDataContext context) || context.getClientRequest() == null) {
            return roundRobin.choose(request);
        }
        Matcher consultation = CONSULTATION.matcher(context.getClientRequest().getUrl().getPath());
        if (!consultation.find()) {
            return roundRobin.choose(request);
        }
        int attempt = nextAttempt(context.getClientRequest().getAttributes());
        String consultationId = consultation.group(1);
        ServiceInstanceListSupplier supplier = instances.getIfAvailable(NoopServiceInstanceListSupplier::new);
        return supplier.get(request).next().map(available -> chosen(available, consultationId, attempt));
    }

    /** The request's attempts so far, counted in its exchange's attributes (kept across the gateway's retries). */
    private static int nextAttempt(Map<String, Object> attributes) {
        if (attributes == null) {
            return 0;
        }
        Integer before = (Integer) attributes.get(ATTEMPT);
        int attempt = before == null ? 0 : before + 1;
        attributes.put(ATTEMPT, attempt);
        return attempt;
    }

    private static Response<ServiceInstance> chosen(List<ServiceInstance> available, String consultationId, int attempt) {
        if (available.isEmpty()) {
            return new EmptyResponse();
        }
        List<ServiceInstance> ranked = available.stream()
                .sorted(Comparator.comparingLong((ServiceInstance instance) -> weight(consultationId, instance)).reversed())
                .toList();
        return new DefaultResponse(ranked.get(attempt % ranked.size()));
    }

    private static long weight(String consultationId, ServiceInstance instance) {
        CRC32 crc = new CRC32();
        crc.update((consultationId + "@" + instance.getInstanceId()).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
