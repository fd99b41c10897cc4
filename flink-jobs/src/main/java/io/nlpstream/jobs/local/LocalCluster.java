package io.nlpstream.jobs.local;

import java.io.IOException;
import java.net.ServerSocket;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/** Settings of the in-JVM Flink cluster of the local runs: web UI port, slots, Prometheus. */
public final class LocalCluster {
    /** Ports the Prometheus reporter tries, first free one wins. */
    public static final String PROMETHEUS_PORTS = "9249-9269";

    private LocalCluster() {}

    /** Web UI port, slots and the network settings of every local run. */
    public static Configuration base(int webUiPort, int slots) {
        Configuration cluster = new Configuration();
        cluster.set(RestOptions.PORT, webUiPort);
        cluster.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        // Under back-pressure, network buffers sized to about a second of throughput instead of
        // their fixed size: a checkpoint barrier queues behind that much data, not behind
        // thousands of texts, and exactly-once outputs become visible that much sooner.
        cluster.set(TaskManagerOptions.BUFFER_DEBLOAT_ENABLED, true);
        return cluster;
    }

    /** {@link #base} with the Prometheus reporter. */
    public static Configuration configuration(int webUiPort, int slots) {
        Configuration cluster = base(webUiPort, slots);
        cluster.setString(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        cluster.setString("metrics.reporter.prom.port", PROMETHEUS_PORTS);
        return cluster;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
