package org.concord.web.observability;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservabilityEnvironmentTest {

    private final ObservabilityEnvironment observability = new ObservabilityEnvironment();

    @Test
    void by_default_logs_are_text_and_spans_are_neither_exported_nor_recorded() {
        MockEnvironment environment = processed(new MockEnvironment());

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("management.logging.export.otlp.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isNull();
        assertThat(environment.getProperty("management.tracing.sampling.probability")).as("trace ids made, spans not recorded")
                .isEqualTo("0.0");
        assertThat(environment.getProperty("spring.reactor.context-propagation")).as("Boot's default, limited").isNull();
    }

    @Test
    void json_logs_are_one_ecs_object_per_line_without_a_banner() {
        MockEnvironment environment = processed(new MockEnvironment().withProperty("concord.log.format", " JSON "));

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
    }

    @Test
    void an_unknown_log_format_stops_the_start_naming_the_variable() {
        assertThatThrownBy(() -> processed(new MockEnvironment().withProperty("concord.log.format", "xml")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CONCORD_LOG_FORMAT must be 'text' or 'json', not 'xml'");
    }

    @Test
    void an_otlp_endpoint_is_a_collector_s_base_url_or_its_traces_url() {
        MockEnvironment environment = processed(new MockEnvironment().withProperty("concord.otlp.endpoint", "http://collector:4318/"));

        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(environment.getProperty("management.tracing.export.otlp.enabled")).isNull();
        assertThat(environment.getProperty("management.tracing.sampling.probability")).as("every span exported").isEqualTo("1.0");
        assertThat(ObservabilityEnvironment.tracesEndpoint("https://otel.example.org/v1/traces"))
                .isEqualTo("https://otel.example.org/v1/traces");
    }

    @Test
    void a_service_s_own_setting_still_wins() {
        MockEnvironment environment = processed(new MockEnvironment()
                .withProperty("management.tracing.sampling.probability", "0.25"));

        assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.25");
    }

    private MockEnvironment processed(MockEnvironment environment) {
        observability.postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
