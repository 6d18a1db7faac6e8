package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's monitoring kit in docs/operations, read as files: Prometheus's alert rules and Grafana's
 * dashboard, and the metric names their PromQL needs a running Concord to export.
 */
final class MonitoringKit {

    static final Path ROOT = Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize();
    static final Path DIRECTORY = ROOT.resolve("docs/operations");
    static final Path ALERTS = DIRECTORY.resolve("alerts.yml");
    static final Path DASHBOARD = DIRECTORY.resolve("grafana/dashboards/concord.json");

    /** Series Prometheus records itself for every target it scrapes; no Concord service exports them. */
    static final Set<String> PROMETHEUS_OWN_SERIES = Set.of("up");

    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** A name that does not continue a number, a duration or a Grafana $variable, and is not a function called. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][\\w:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private MonitoringKit() {
    }

    /** Every metric name the alerts and the dashboard query, with its suffix (_count, _bucket, _total) as written. */
    static SortedSet<String> metricNames() {
        SortedSet<String> names = new TreeSet<>();
        alertExpressions().forEach(expression -> names.addAll(metricNamesIn(expression)));
        dashboardExpressions().forEach(expression -> names.addAll(metricNamesIn(expression)));
        return names;
    }

    /** {@link #metricNames()} less the series Prometheus records itself: what Concord's services must export. */
    static SortedSet<String> exportedMetricNames() {
        SortedSet<String> names = metricNames();
        names.removeAll(PROMETHEUS_OWN_SERIES);
        return names;
    }

    static SortedSet<String> metricNamesIn(String promql) {
        String names = STRING_LITERAL.matcher(promql).replaceAll(" ");
        names = LABEL_MATCHERS.matcher(names).replaceAll(" ");
        names = RANGE.matcher(names).replaceAll(" ");
        names = LABEL_LIST.matcher(names).replaceAll(" ");
        SortedSet<String> found = new TreeSet<>();
        Matcher name = NAME.matcher(names);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group().toLowerCase())) {
                found.add(name.group());
            }
        }
        return found;
    }

    /** The rules of every group in alerts.yml, as written. */
    static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : list(yaml(ALERTS).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                rules.add(map(rule));
            }
        }
        return rules;
    }

    static List<String> alertExpressions() {
        return alertRules().stream().map(rule -> String.valueOf(rule.get("expr"))).toList();
    }

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        return expressions;
    }

    static Map<String, Object> yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return map(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalStateException("expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    static List<?> list(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException("expected a list, found " + value);
        }
        return list;
    }
}
