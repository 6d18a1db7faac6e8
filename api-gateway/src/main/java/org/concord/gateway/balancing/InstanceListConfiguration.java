package org.concord.gateway.balancing;

import org.concord.gateway.GatewayProperties;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The instances of one service, in the load balancer's own context for that service: the fixed list of
 * the gateway's settings, less those whose readiness probe ({@code /actuator/health/readiness}) does not answer UP (checked every
 * {@code spring.cloud.loadbalancer.health-check.interval}), but never none of them ({@link AllWhenNoneHealthy}). Each instance is named
 * {@code <service>-<n>}, n counting from 1 in the order of the list. Deliberately not a
 * {@code @Configuration}: it belongs to each service's child context, not to the gateway's own.
 */
class InstanceListConfiguration {

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context, Environment environment,
                                                            GatewayProperties properties) {
        BalancedService service = BalancedService.of(environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME));
        List<URI> uris = service.instances(properties);
        ServiceInstance[] instances = new ServiceInstance[uris.size()];
        for (int i = 0; i < uris.size(); i++) {
            URI uri = uris.get(i);
            boolean secure = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
            instances[i] = new DefaultServiceInstance(service.instanceName(i + 1), service.id(), uri.getHost(), port, secure);
        }
        List<String> order = Arrays.stream(instances).map(ServiceInstance::getInstanceId).toList();
        return ServiceInstanceListSupplier.builder()
                .withBase(ServiceInstanceListSuppliers.from(service.id(), instances))
                .withHealthChecks()
                .with((ignored, healthy) -> new InListOrder(new AllWhenNoneHealthy(healthy, List.of(instances)), order))
                .build(context);
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
