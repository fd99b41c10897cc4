package io.nlpstream.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL expressions of a Grafana dashboard, by "panel / legend", and the metrics they read.
 */
final class DashboardQueries {
    private static final Pattern METRIC = Pattern.compile("\\b(flink_[A-Za-z0-9_]+)");

    private DashboardQueries() {}

    static Map<String, String> expressions(Path dashboardJson) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(dashboardJson.toFile());
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.put(
                        panel.path("title").asText() + " / " + target.path("legendFormat").asText(),
                        target.path("expr").asText());
            }
        }
        return out;
    }

    static Set<String> metricNames(Map<String, String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions.values()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
