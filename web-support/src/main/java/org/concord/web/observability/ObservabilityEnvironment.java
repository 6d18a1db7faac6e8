package org.concord.web.observability;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The observability settings every Concord service shares, from two variables an operator sets:
 * <ul>
 *   <li>{@code CONCORD_LOG_FORMAT}: {@code text} (the default) or {@code json}, Spring Boot's structured
 *   logging in the Elastic Common Schema, one JSON object per line;</li>
 *   <li>{@code CONCORD_OTLP_ENDPOINT}: where traces are exported over OTLP/HTTP (e.g.
 *   {@code http://collector:4318}); when it is not set, nothing is exported.</li>
 * </ul>
 * Every request is traced either way (W3C trace context, in from the gateway and on to the services), so
 * that the lines logged while serving it carry its trace id; its spans are recorded only when exported.
 * Reactor's automatic context propagation is left off: it cost a quarter of the write throughput
 * (docs/benchmarks.md); the trace is restored where a line is logged or a command sent instead
 * ({@link AccessLog}, the problem mapper, the command dispatcher).
 * The settings are defaults: a service's own configuration still overrides them.
 */
public class ObservabilityEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "concordObservability";
    static final String LOG_FORMAT = "concord.log.format";
    static final String OTLP_ENDPOINT = "concord.otlp.endpoint";
    private static final String TRACES_PATH = "/v1/traces";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        // traces only: no logs or metrics pushed over OTLP (metrics are scraped from /actuator/prometheus)
        defaults.put("management.logging.export.otlp.enabled", "false");
        String endpoint = environment.getProperty(OTLP_ENDPOINT, "").strip();
        if (endpoint.isEmpty()) {
            defaults.put("management.tracing.export.otlp.enabled", "false");
            // spans nobody receives are not recorded: a fifth of the gateway's CPU a request (docs/benchmarks.md);
            // each request still has its trace id, passed on to the services and logged
            defaults.put("management.tracing.sampling.probability", "0.0");
        } else {
            defaults.put("management.opentelemetry.tracing.export.otlp.endpoint", tracesEndpoint(endpoint));
            defaults.put("management.tracing.sampling.probability", "1.0");
        }
        if (json(environment.getProperty(LOG_FORMAT, "text"))) {
            defaults.put("logging.structured.format.console", "ecs");
            // every line JSON: not the banner either
            defaults.put("spring.main.banner-mode", "off");
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    private static boolean json(String format) {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "text", "" -> false;
            default -> throw new IllegalStateException(
                    "CONCORD_LOG_FORMAT must be 'text' or 'json', not '" + format + "'");
        };
    }

    /** The OTLP/HTTP traces URL of a collector given by its base URL, as OTEL_EXPORTER_OTLP_ENDPOINT is. */
    static String tracesEndpoint(String endpoint) {
        if (endpoint.endsWith(TRACES_PATH)) {
            return endpoint;
        }
        return (endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint) + TRACES_PATH;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
