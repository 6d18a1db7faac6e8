package org.concord.system;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The addresses a service listens on when nobody says otherwise, as its packaged {@code application.yml} has them
 * (issue #18, finding 3): loopback only, its actuator on a management port apart from the port the gateway routes to.
 * {@link ServiceNetworkIT} checks the running processes, which the tests start on free ports of their own.
 */
class ServiceDefaultsTest {

    @ParameterizedTest
    @CsvSource({"command-side, 8081, 9081", "query-side, 8082, 9082", "web-ui, 8090, 9090"})
    void a_service_listens_on_loopback_with_its_actuator_on_a_port_of_its_own(String module, int port, int managementPort) {
        Map<String, Object> settings = MonitoringKit.yaml(MonitoringKit.ROOT.resolve(module + "/src/main/resources/application.yml"));
        Map<String, Object> server = MonitoringKit.map(settings.get("server"));
        Map<String, Object> management = MonitoringKit.map(MonitoringKit.map(settings.get("management")).getOrDefault("server", Map.of()));

        assertThat(server.get("port")).isEqualTo(port);
        assertThat(server.get("address")).as(module + " server.address").isEqualTo("127.0.0.1");
        assertThat(management.get("port")).as(module + " management.server.port").isEqualTo(managementPort);
        assertThat(management.get("address")).as(module + " management.server.address").isEqualTo("${server.address}");
    }

    @ParameterizedTest
    @CsvSource({"api-gateway, 9080"})
    void the_gateways_actuator_listens_on_loopback_apart_from_its_public_port(String module, int managementPort) {
        Map<String, Object> settings = MonitoringKit.yaml(MonitoringKit.ROOT.resolve(module + "/src/main/resources/application.yml"));
        Map<String, Object> management = MonitoringKit.map(MonitoringKit.map(settings.get("management")).getOrDefault("server", Map.of()));

        assertThat(MonitoringKit.map(settings.get("server"))).doesNotContainKey("address");
        assertThat(management.get("port")).isEqualTo(managementPort);
        assertThat(management.get("address")).isEqualTo("127.0.0.1");
    }
}
