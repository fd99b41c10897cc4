package io.nlpstream.jobs.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Prometheus scrape configuration for a running cluster: one job, {@code flink}, whose targets
 * are the Prometheus reporters of the JobManager and every TaskManager.
 */
public final class PrometheusConfig {
    private PrometheusConfig() {}

    public static String yaml(ClusterState state, int scrapeIntervalSeconds) {
        StringBuilder targets = new StringBuilder();
        for (String url : state.prometheus()) {
            URI uri = URI.create(url);
            if (targets.length() > 0) {
                targets.append(", ");
            }
            targets.append('\'')
                    .append(uri.getHost())
                    .append(':')
                    .append(uri.getPort())
                    .append('\'');
        }
        return String.join(
                "\n",
                "# Written by nlp-stream cluster up: the cluster's metric reporters.",
                "global:",
                "  scrape_interval: " + scrapeIntervalSeconds + "s",
                "  evaluation_interval: " + scrapeIntervalSeconds + "s",
                "scrape_configs:",
                "  - job_name: flink",
                "    static_configs:",
                "      - targets: [" + targets + "]",
                "");
    }

    public static void write(Path file, ClusterState state, int scrapeIntervalSeconds)
            throws IOException {
        Files.writeString(file, yaml(state, scrapeIntervalSeconds));
    }
}
