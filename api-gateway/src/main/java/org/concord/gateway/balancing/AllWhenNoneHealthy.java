package org.concord.gateway.balancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The healthy instances, or every instance when none answered its health check in time. A service so busy
 * that its health check timed out still serves, slowly: with none left the gateway would answer 503 to every
 * request although the service works. An instance that is really down then refuses the connection, and the
 * request is answered as for any dead instance (tried on the next, else 503).
 */
class AllWhenNoneHealthy extends DelegatingServiceInstanceListSupplier {

    private final List<ServiceInstance> all;

    AllWhenNoneHealthy(ServiceInstanceListSupplier healthy, List<ServiceInstance> all) {
        super(healthy);
        this.all = List.copyOf(all);
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get().map(healthy -> healthy.isEmpty() ? all : healthy);
    }
}
