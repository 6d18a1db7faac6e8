package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.system.MonitoringKit.list;
import static org.concord.system.MonitoringKit.map;
import static org.concord.system.MonitoringKit.yaml;

/**
 * Checks the monitoring kit in docs/operations by reading it, since neither Prometheus nor Grafana runs in
 * the build: the scrape files reach the three services, every alert tells an operator what to do, every
 * dashboard panel queries the provisioned Prometheus, and the compose profile starts only on request.
 */
class MonitoringKitTest {

    private static final String PROFILE = "monitoring";
    private static final List<String> MONITORING_SERVICES = List.of("prometheus", "grafana");
    private static final Set<String> REQUIRED_ALERTS = Set.of("ConcordServiceDown", "ConcordProjectionLagHigh",
            "ConcordWebhookBacklogGrowing", "ConcordAppendErrors", "ConcordHigh5xxRate");

    /** The timers agreed with the metrics work: Prometheus exposes each as _count, _sum, _max and, with a histogram, _bucket. */
    private static final Set<String> TIMERS = Set.of("concord_commands_seconds", "concord_events_append_seconds",
            "http_server_requests_seconds", "spring_cloud_gateway_requests_seconds");
    private static final Set<String> COUNTERS_AND_GAUGES = Set.of("concord_events_appended_total",
            "concord_events_safe_position", "concord_idempotency_replays_total", "concord_processor_position",
            "concord_processor_lag_events", "concord_processor_lag_seconds", "concord_feeds_open",
            "concord_webhook_deliveries_total", "concord_webhook_backlog", "concord_ratelimit_refusals_total",
            "jvm_memory_used_bytes", "process_cpu_usage");

    private final Map<String, Object> services = map(yaml(MonitoringKit.ROOT.resolve("docker-compose.yml")).get("services"));

    @ParameterizedTest
    @CsvSource({
            "prometheus.yml,       api-gateway:9080, command-side:9081, query-side:9082",
            "prometheus-local.yml, 127.0.0.1:9080,   127.0.0.1:9081,    127.0.0.1:9082"})
    void each_scrape_file_reads_the_three_services_actuator_every_15_seconds(String file, String gateway,
                                                                               String commandSide, String querySide) {
        Map<String, Object> config = yaml(MonitoringKit.DIRECTORY.resolve(file));
        assertThat(map(config.get("global")).get("scrape_interval")).isEqualTo("15s");
        assertThat(scrapeTargets(file)).isEqualTo(Map.of(
                "api-gateway", List.of(gateway),
                "command-side", List.of(commandSide),
                "query-side", List.of(querySide)));
    }

    @Test
    void the_compose_scrape_file_reaches_every_service_on_its_management_port() {
        Map<String, List<String>> targets = scrapeTargets("prometheus.yml");
        for (String side : List.of("command-side", "query-side")) {
            assertThat(targets.get(side)).containsExactly(side + ":" + environment(side).get("MANAGEMENT_SERVER_PORT"))
                    .doesNotContain(side + ":" + environment(side).get("SERVER_PORT"));
        }
        // the gateway's actuator, metrics included, answers on its management port, kept off the public one
        assertThat(targets.get("api-gateway")).containsExactly("api-gateway:9080")
                .doesNotContain("api-gateway:" + environment("api-gateway").get("SERVER_PORT"));
    }

    @ParameterizedTest
    @CsvSource({"prometheus.yml", "prometheus-local.yml"})
    void each_scrape_file_loads_the_alerts_beside_it(String file) {
        Path config = MonitoringKit.DIRECTORY.resolve(file);
        assertThat(yaml(config).get("rule_files")).isEqualTo(List.of("alerts.yml"));
        assertThat(config.resolveSibling("alerts.yml")).isEqualTo(MonitoringKit.ALERTS).isRegularFile();
    }

    @Test
    void every_alert_has_an_expression_a_duration_a_severity_and_says_what_to_do() {
        List<Map<String, Object>> rules = MonitoringKit.alertRules();
        assertThat(rules).extracting(rule -> rule.get("alert")).containsAll(REQUIRED_ALERTS).doesNotHaveDuplicates();
        for (Map<String, Object> rule : rules) {
            String alert = String.valueOf(rule.get("alert"));
            assertThat(String.valueOf(rule.get("expr"))).as(alert + " expr").isNotBlank().isNotEqualTo("null");
            assertThat(String.valueOf(rule.get("for"))).as(alert + " for").matches("\\d+[smh]");
            assertThat(map(rule.get("labels")).get("severity")).as(alert + " severity").isIn("critical", "warning");
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertThat(String.valueOf(annotations.get("summary"))).as(alert + " summary").isNotBlank().isNotEqualTo("null");
            assertThat(String.valueOf(annotations.get("description"))).as(alert + " description")
                    .isNotEqualTo("null").hasSizeGreaterThan(100);
        }
    }

    @Test
    void every_dashboard_panel_has_a_title_and_queries_the_provisioned_prometheus() {
        String uid = provisionedDatasourceUid();
        JsonNode panels = MonitoringKit.dashboard().path("panels");
        assertThat(panels.isArray() && !panels.isEmpty()).as("the dashboard has panels").isTrue();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertThat(title).as("panel " + panel.path("id") + " title").isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).as(title + " datasource").isEqualTo(uid);
            JsonNode targets = panel.path("targets");
            assertThat(targets.size()).as(title + " targets").isPositive();
            for (JsonNode target : targets) {
                assertThat(target.path("expr").asText()).as(title + " expr").isNotBlank();
                assertThat(target.path("datasource").path("uid").asText()).as(title + " target datasource").isEqualTo(uid);
            }
        }
    }

    @Test
    void grafana_provisions_the_compose_prometheus_and_the_mounted_dashboards() {
        Map<String, Object> datasource = map(list(yaml(grafanaProvisioning("datasources/prometheus.yml"))
                .get("datasources")).get(0));
        assertThat(datasource.get("type")).isEqualTo("prometheus");
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(services).containsKey("prometheus");

        Map<String, Object> provider = map(list(yaml(grafanaProvisioning("dashboards/concord.yml"))
                .get("providers")).get(0));
        String path = String.valueOf(map(provider.get("options")).get("path"));
        String mounted = bindMounts("grafana").get(path);
        assertThat(mounted).as("grafana mounts a folder of the repository where the provider reads dashboards").isNotNull();
        assertThat(MonitoringKit.ROOT.resolve(mounted).resolve("concord.json").normalize()).isEqualTo(MonitoringKit.DASHBOARD);
        assertThat(environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")).as("Grafana's home page")
                .isEqualTo(path + "/concord.json");
    }

    @Test
    void the_monitoring_services_start_only_with_their_profile_and_nothing_else_needs_them() {
        for (String name : MONITORING_SERVICES) {
            assertThat(service(name).get("profiles")).as(name + " profiles").isEqualTo(List.of(PROFILE));
        }
        for (String name : services.keySet()) {
            if (MONITORING_SERVICES.contains(name)) {
                continue;
            }
            assertThat(service(name).get("profiles")).as(name + " starts without a profile").isNull();
            Object dependsOn = service(name).get("depends_on");
            if (dependsOn != null) {
                assertThat(map(dependsOn).keySet()).as(name + " depends_on").doesNotContainAnyElementsOf(MONITORING_SERVICES);
            }
        }
    }

    @Test
    void the_monitoring_services_run_pinned_images_and_mount_files_that_exist_read_only() {
        Map<String, Object> namedVolumes = map(yaml(MonitoringKit.ROOT.resolve("docker-compose.yml")).get("volumes"));
        for (String name : MONITORING_SERVICES) {
            String image = String.valueOf(service(name).get("image"));
            assertThat(image).as(name + " image").matches("[\\w./-]+:v?\\d+\\.\\d+\\.\\d+");
            Map<String, String> bindMounts = bindMounts(name);
            assertThat(bindMounts).as(name + " mounts files of the repository").isNotEmpty();
            bindMounts.values().forEach(source ->
                    assertThat(MonitoringKit.ROOT.resolve(source).normalize()).as(name + " mounts " + source).exists());
            for (Object volume : list(service(name).get("volumes"))) {
                String[] parts = String.valueOf(volume).split(":");
                if (parts[0].startsWith(".")) {
                    assertThat(parts).as(name + " mounts " + volume + " read-only").hasSize(3);
                    assertThat(parts[2]).as(name + " mounts " + volume + " read-only").isEqualTo("ro");
                } else {
                    assertThat(namedVolumes).as(name + " keeps its data in a named volume").containsKey(parts[0]);
                }
            }
        }
        assertThat(bindMounts("prometheus")).containsEntry("/etc/prometheus/prometheus.yml", "./docs/operations/prometheus.yml")
                .containsEntry("/etc/prometheus/alerts.yml", "./docs/operations/alerts.yml");
    }

    @Test
    void the_kit_queries_every_agreed_concord_metric_and_no_other_name() {
        Set<String> names = MonitoringKit.metricNames();
        assertThat(names).containsAll(MonitoringKit.PROMETHEUS_OWN_SERIES);
        assertThat(MonitoringKit.exportedMetricNames()).allSatisfy(name -> assertThat(isAgreed(name))
                .as(name + " is one of the agreed metric names").isTrue());
        List<String> agreedConcordFamilies = Stream.concat(TIMERS.stream(), COUNTERS_AND_GAUGES.stream())
                .filter(family -> family.startsWith("concord_"))
                .toList();
        for (String family : agreedConcordFamilies) {
            assertThat(names).as("the kit uses " + family).anyMatch(name -> name.startsWith(family));
        }
    }

    @Test
    void metric_names_are_found_in_promql_without_functions_labels_keywords_durations_or_grafana_variables() {
        assertThat(MonitoringKit.metricNamesIn("""
                histogram_quantile(0.99, sum by (le, command) (rate(concord_commands_seconds_bucket{outcome="a_b"}[$__rate_interval])))
                  > 1e3 and on() (up offset 5m) unless ignoring(job) process_cpu_usage{job=~"x|y"} or vector(0)"""))
                .containsExactly("concord_commands_seconds_bucket", "process_cpu_usage", "up");
    }

    private static boolean isAgreed(String name) {
        return COUNTERS_AND_GAUGES.contains(name) || TIMERS.stream().anyMatch(timer ->
                Stream.of("_count", "_sum", "_max", "_bucket").anyMatch(suffix -> name.equals(timer + suffix)));
    }

    /** Each job's targets; every job reads the actuator's Prometheus endpoint over plain HTTP. */
    private static Map<String, List<String>> scrapeTargets(String file) {
        Map<String, List<String>> targets = new LinkedHashMap<>();
        for (Object job : list(yaml(MonitoringKit.DIRECTORY.resolve(file)).get("scrape_configs"))) {
            Map<String, Object> scrape = map(job);
            String name = String.valueOf(scrape.get("job_name"));
            assertThat(scrape.get("metrics_path")).as(file + " " + name + " metrics_path").isEqualTo("/actuator/prometheus");
            assertThat(scrape.get("scheme")).as(file + " " + name + " scheme").isIn(null, "http");
            targets.put(name, list(scrape.get("static_configs")).stream()
                    .flatMap(staticConfig -> list(map(staticConfig).get("targets")).stream())
                    .map(String::valueOf)
                    .toList());
        }
        return targets;
    }

    private static String provisionedDatasourceUid() {
        Map<String, Object> datasource = map(list(yaml(grafanaProvisioning("datasources/prometheus.yml"))
                .get("datasources")).get(0));
        String uid = String.valueOf(datasource.get("uid"));
        assertThat(uid).as("the provisioned datasource has a fixed uid").isNotBlank().isNotEqualTo("null");
        return uid;
    }

    private static Path grafanaProvisioning(String file) {
        return MonitoringKit.DIRECTORY.resolve("grafana/provisioning").resolve(file);
    }

    private Map<String, Object> service(String name) {
        assertThat(services).as("services").containsKey(name);
        return map(services.get(name));
    }

    private Map<String, String> environment(String name) {
        Map<String, String> variables = new LinkedHashMap<>();
        map(service(name).get("environment")).forEach((key, value) -> variables.put(key, String.valueOf(value)));
        return variables;
    }

    /** The service's mounts of repository files and folders, by the path they appear at in the container. */
    private Map<String, String> bindMounts(String name) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : list(service(name).get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts[0].startsWith(".")) {
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }
}
