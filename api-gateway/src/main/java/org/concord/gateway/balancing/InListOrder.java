package org.concord.gateway.balancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.Comparator;
import java.util.List;

/**
 * The healthy instances in the order of the gateway's list. The health check lists them in the order
 * their checks answered, which changes from one check to the next; the round-robin, which takes the
 * next position in whatever list it is given, would then send several requests in a row to one instance.
 */
class InListOrder extends DelegatingServiceInstanceListSupplier {

    private final List<String> order;

    InListOrder(ServiceInstanceListSupplier delegate, List<String> order) {
        super(delegate);
        this.order = List.copyOf(order);
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get().map(instances -> instances.stream()
                .sorted(Comparator.comparingInt(instance -> order.indexOf(instance.getInstanceId())))
                .toList());
    }
}
