package org.concord.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * Every service the gateway calls is reached through Spring Cloud LoadBalancer (round-robin; commands
 * about a consultation by consultation, {@link ConsultationAffinity}), over
 * the instances listed in the gateway's settings and still answering their health check
 * ({@link InstanceListConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceListConfiguration.class)
class LoadBalancingConfiguration {
}
