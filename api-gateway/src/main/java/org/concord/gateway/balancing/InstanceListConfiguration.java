package org.concord.gateway.balancing;

import org.concord.gateway.GatewayProperties;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The instances of one service, in the load balancer's own context for that service: the fixed list of
 * the gateway's settings, less those whose readiness probe ({@code /actuator/health/readiness}, asked on the instance's
 * management port, {@link ManagementAddresses}) does not answer UP (checked every
 * {@code spring.cloud.loadbalancer.health-check.interval}), but never none of them ({@link AllWhenNoneHealthy}). Each instance is named
 * {@code <service>-<n>}, n counting from 1 in the order of the list. Deliberately not a
 * {@code @Configuration}: it belongs to each service's child context, not to the gateway's own.
 */
class InstanceListConfiguration {

    private static final String MANAGEMENT_URI = "management-uri";

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context, Environment environment,
                                                            GatewayProperties properties, ManagementAddresses management) {
        BalancedService service = BalancedService.of(environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME));
        List<URI> uris = service.instances(properties);
        List<URI> managementUris = management.of(service);
        ServiceInstance[] instances = new ServiceInstance[uris.size()];
        for (int i = 0; i < uris.size(); i++) {
            URI uri = uris.get(i);
            boolean secure = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
            instances[i] = new DefaultServiceInstance(service.instanceName(i + 1), service.id(), uri.getHost(), port, secure,
                    Map.of(MANAGEMENT_URI, managementUris.get(i).toString()));
        }
        List<String> order = Arrays.stream(instances).map(ServiceInstance::getInstanceId).toList();
        return ServiceInstanceListSupplier.builder()
                .withBase(ServiceInstanceListSuppliers.from(service.id(), instances))
                .with((ignored, listed) -> new HealthCheckServiceInstanceListSupplier(listed, context.getBean(LoadBalancerClientFactory.class),
                        readinessOnManagementPort(context.getBean(WebClient.Builder.class).build())))
                .with((ignored, healthy) -> new InListOrder(new AllWhenNoneHealthy(healthy, List.of(instances)), order))
                .build(context);
    }

    /** Whether the instance's readiness probe answers 200 (UP), asked on its management port. */
    private static BiFunction<ServiceInstance, String, Mono<Boolean>> readinessOnManagementPort(WebClient webClient) {
        return (instance, path) -> webClient.get()
                .uri(UriComponentsBuilder.fromUriString(instance.getMetadata().get(MANAGEMENT_URI)).path(path).build().toUri())
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value() == HttpStatus.OK.value()));
    }

    /** Commands go by consultation ({@link ConsultationAffinity}); reads and token lookups round-robin. */
    @Bean
    ReactorLoadBalancer<ServiceInstance> reactorServiceInstanceLoadBalancer(Environment environment,
                                                                           LoadBalancerClientFactory factory) {
        String serviceId = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        ObjectProvider<ServiceInstanceListSupplier> instances = factory.getLazyProvider(serviceId, ServiceInstanceListSupplier.class);
        return BalancedService.of(serviceId) == BalancedService.COMMAND_SIDE
                ? new ConsultationAffinity(instances, serviceId)
                : new RoundRobinLoadBalancer(instances, serviceId);
    }
}
