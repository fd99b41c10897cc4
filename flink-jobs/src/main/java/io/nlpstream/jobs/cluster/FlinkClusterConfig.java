package io.nlpstream.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code config.yaml} of the standalone Flink cluster: RocksDB with incremental checkpoints to
 * the cluster directory, small memory budgets, the Prometheus reporter, fast failure detection.
 */
final class FlinkClusterConfig {
    static final String PROMETHEUS_FACTORY =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    /** TaskManager heap = framework heap + task heap; these must match the -Xmx given. */
    static final int TM_FRAMEWORK_HEAP_MB = 64;

    static final int TM_TASK_HEAP_MB = 320;
    static final int TM_DIRECT_MB = 64 + 64; // framework off-heap + network
    static final int TM_METASPACE_MB = 256;
    static final int JM_HEAP_MB = 384;
    static final int JM_METASPACE_MB = 192;

    /** Packages of the native-code libraries the job uses: ONNX Runtime, DJL's tokenizers. */
    static final String NATIVE_LIBRARY_PACKAGES = "ai.onnxruntime.;ai.djl.";

    private FlinkClusterConfig() {}

    static Map<String, String> entries(
            Path clusterDir, int rpcPort, int restPort, int slotsPerTaskManager) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("jobmanager.rpc.port", String.valueOf(rpcPort));
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", String.valueOf(restPort));
        // The job jar carries the model bundles and is larger than the default 100 MiB limit.
        c.put("rest.server.max-content-length", String.valueOf(1024L * 1024 * 1024));
        c.put("web.upload.dir", clusterDir.resolve("uploads").toAbsolutePath().toString());
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.numberOfTaskSlots", String.valueOf(slotsPerTaskManager));
        // Flink's start scripts derive this and the memory sizes; started from a class path, they
        // must be given.
        c.put("taskmanager.cpu.cores", String.valueOf(slotsPerTaskManager));
        c.put("taskmanager.memory.framework.heap.size", TM_FRAMEWORK_HEAP_MB + "m");
        c.put("taskmanager.memory.task.heap.size", TM_TASK_HEAP_MB + "m");
        c.put("taskmanager.memory.framework.off-heap.size", "64m");
        c.put("taskmanager.memory.task.off-heap.size", "0m");
        c.put("taskmanager.memory.network.min", "64m");
        c.put("taskmanager.memory.network.max", "64m");
        c.put("taskmanager.memory.managed.size", "128m");
        c.put("taskmanager.memory.jvm-metaspace.size", TM_METASPACE_MB + "m");
        c.put("taskmanager.memory.jvm-overhead.min", "128m");
        c.put("taskmanager.memory.jvm-overhead.max", "128m");
        c.put("jobmanager.memory.heap.size", JM_HEAP_MB + "m");
        c.put("jobmanager.memory.off-heap.size", "64m");
        c.put("jobmanager.memory.jvm-metaspace.size", JM_METASPACE_MB + "m");
        c.put("jobmanager.memory.jvm-overhead.min", "128m");
        c.put("jobmanager.memory.jvm-overhead.max", "128m");
        // Spread the job over every TaskManager, so losing one is a real failover.
        c.put("taskmanager.load-balance.mode", "SLOTS");
        // Libraries with native code load once per JVM: from the cluster's class path, never
        // again from each job's jar (a second job on a TaskManager could not load them).
        c.put("classloader.parent-first-patterns.additional", NATIVE_LIBRARY_PACKAGES);
        c.put("state.backend.type", "rocksdb");
        c.put("execution.checkpointing.incremental", "true");
        c.put("execution.checkpointing.dir", clusterDir.resolve("checkpoints").toUri().toString());
        c.put(
                "execution.checkpointing.savepoint-dir",
                clusterDir.resolve("savepoints").toUri().toString());
        c.put("execution.checkpointing.num-retained", "2");
        // RocksDB writes its own LOG files next to the process log unless told otherwise.
        c.put(
                "state.backend.rocksdb.log.dir",
                clusterDir.resolve("tmp").toAbsolutePath().toString());
        c.put("state.backend.rocksdb.log.level", "HEADER_LEVEL");
        // A killed TaskManager is noticed within seconds, not the default 50 s.
        c.put("heartbeat.interval", "2000");
        c.put("heartbeat.timeout", "10000");
        c.put("metrics.reporter.prom.factory.class", PROMETHEUS_FACTORY);
        // Latency markers from the sources: the source-to-operator latency the dashboard shows.
        c.put("metrics.latency.interval", "5000");
        c.put("metrics.latency.granularity", "single");
        c.put("io.tmp.dirs", clusterDir.resolve("tmp").toAbsolutePath().toString());
        return c;
    }

    static void write(Path confDir, Map<String, String> entries) throws IOException {
        StringBuilder yaml = new StringBuilder("# Written by nlp-stream cluster up.\n");
        entries.forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml.toString());
    }

    private static String quote(String value) {
        return value.matches("[A-Za-z0-9._/-]+") ? value : "'" + value.replace("'", "''") + "'";
    }

    /** Console logging to the process's log file (the launcher redirects standard output). */
    static void writeLog4j(Path confDir) throws IOException {
        Files.writeString(
                confDir.resolve("log4j2.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.console.ref = console",
                        "appender.console.type = Console",
                        "appender.console.name = console",
                        "appender.console.layout.type = PatternLayout",
                        "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        "logger.kafkaserver.name = kafka",
                        "logger.kafkaserver.level = WARN",
                        "logger.state.name = state.change.logger",
                        "logger.state.level = WARN",
                        ""));
    }
}
