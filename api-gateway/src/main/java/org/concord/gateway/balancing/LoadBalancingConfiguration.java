package org.concord.gateway.balancing;

import org.concord.gateway.GatewayProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * Every service the gateway calls is reached through Spring Cloud LoadBalancer (round-robin; commands
 * about a consultation by consultation, {@link ConsultationAffinity}), over
 * the instances listed in the gateway's settings and still answering their health check on their management
 * port ({@link InstanceListConfiguration}, {@link ManagementAddresses}).
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceListConfiguration.class)
@EnableConfigurationProperties(ManagementAddresses.class)
class LoadBalancingConfiguration {

    LoadBalancingConfiguration(GatewayProperties instances, ManagementAddresses management) {
        management.checkAgainst(instances);
    }
}
