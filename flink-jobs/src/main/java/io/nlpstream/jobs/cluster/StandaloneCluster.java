package io.nlpstream.jobs.cluster;

import io.nlpstream.jobs.local.LocalCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A Flink session cluster and a Kafka broker as separate processes on this machine, everything
 * under one directory: configuration, logs, Kafka's log directory, checkpoints and {@code
 * state.json}. {@link #up} starts it, {@link #down} stops every process and removes the directory.
 */
public final class StandaloneCluster {
    static final String JOBMANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String KAFKA_MAIN = "kafka.Kafka";
    static final String KAFKA_STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final long START_TIMEOUT_MS = 180_000;

    private final Path dir;
    private final PrintStream console;

    public StandaloneCluster(Path dir, PrintStream console) {
        this.dir = dir.toAbsolutePath().normalize();
        this.console = console;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Starts the broker, the JobManager and the TaskManagers; returns what {@code status} reads.
     */
    public ClusterState up(ClusterSpec spec) throws Exception {
        if (Files.exists(dir.resolve(ClusterState.FILE))) {
            throw new IllegalStateException(
                    "a cluster already runs from " + dir + " ('nlp-stream cluster down' stops it)");
        }
        String classpath = ClusterClasspath.read();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        for (String sub : List.of("kafka-data", "checkpoints", "savepoints", "uploads", "tmp")) {
            Files.createDirectories(dir.resolve(sub));
        }
        FlinkClusterConfig.writeLog4j(conf);
        Path log4j = conf.resolve("log4j2.properties");
        List<ClusterProcess> processes = new ArrayList<>();
        List<Process> started = new ArrayList<>();
        try {
            ClusterProcess kafka = startKafka(spec, classpath, conf, logs, log4j, started);
            processes.add(kafka);
            String bootstrap = "127.0.0.1:" + kafka.ports().get("broker");
            console.println("Kafka broker (KRaft): " + bootstrap + "  log " + kafka.log());

            int rpcPort = LocalCluster.freePort();
            int restPort = LocalCluster.freePort();
            FlinkClusterConfig.write(
                    conf,
                    FlinkClusterConfig.entries(dir, rpcPort, restPort, spec.slotsPerTaskManager()));
            String rest = "http://127.0.0.1:" + restPort;
            int jmProm = LocalCluster.freePort();
            Path jmLog = logs.resolve("jobmanager.log");
            Process jm =
                    JvmProcess.start(
                            classpath,
                            flinkJvmOptions(
                                    FlinkClusterConfig.JM_HEAP_MB,
                                    64,
                                    FlinkClusterConfig.JM_METASPACE_MB),
                            JOBMANAGER_MAIN,
                            flinkArgs(conf, jmProm),
                            log4j,
                            jmLog);
            started.add(jm);
            processes.add(
                    new ClusterProcess(
                            ClusterProcess.JOBMANAGER,
                            jm.pid(),
                            ports("rpc", rpcPort, "rest", restPort, "prometheus", jmProm),
                            jmLog.toString()));
            ClusterRest client = new ClusterRest(rest);
            awaitRest(client, jm, jmLog);
            console.println("Flink JobManager: " + rest + "  log " + jmLog);

            for (int i = 1; i <= spec.taskManagers(); i++) {
                int prom = LocalCluster.freePort();
                Path tmLog = logs.resolve("taskmanager-" + i + ".log");
                Process tm =
                        JvmProcess.start(
                                classpath,
                                flinkJvmOptions(
                                        FlinkClusterConfig.TM_FRAMEWORK_HEAP_MB
                                                + FlinkClusterConfig.TM_TASK_HEAP_MB,
                                        FlinkClusterConfig.TM_DIRECT_MB,
                                        FlinkClusterConfig.TM_METASPACE_MB),
                                TASKMANAGER_MAIN,
                                flinkArgs(conf, prom),
                                log4j,
                                tmLog);
                started.add(tm);
                processes.add(
                        new ClusterProcess(
                                ClusterProcess.TASKMANAGER,
                                tm.pid(),
                                ports("prometheus", prom),
                                tmLog.toString()));
            }
            awaitTaskManagers(client, spec.taskManagers(), started);
            console.println(
                    spec.taskManagers()
                            + " TaskManagers with "
                            + spec.slotsPerTaskManager()
                            + " slots each registered");
            List<String> prometheus = new ArrayList<>();
            for (ClusterProcess p : processes) {
                Integer port = p.ports().get("prometheus");
                if (port != null) {
                    prometheus.add("http://127.0.0.1:" + port + "/metrics");
                }
            }
            ClusterState state = new ClusterState(processes, prometheus, rest, bootstrap);
            state.write(dir);
            PrometheusConfig.write(dir.resolve("prometheus.yml"), state, 5);
            return state;
        } catch (Exception e) {
            for (Process p : started) {
                p.destroyForcibly();
            }
            throw e;
        }
    }

    /** Stops every process of the cluster (politely, then forcibly) and removes its directory. */
    public void down() throws IOException, InterruptedException {
        if (Files.exists(dir.resolve(ClusterState.FILE))) {
            ClusterState state = ClusterState.read(dir);
            List<ClusterProcess> reversed = new ArrayList<>(state.processes());
            java.util.Collections.reverse(reversed);
            for (ClusterProcess p : reversed) {
                Optional<ProcessHandle> handle = ownProcess(p);
                if (handle.isEmpty()) {
                    continue;
                }
                handle.get().destroy();
                try {
                    handle.get().onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception timeout) {
                    handle.get().destroyForcibly();
                }
                console.println("stopped " + p.role() + " (pid " + p.pid() + ")");
            }
        }
        deleteRecursively(dir);
    }

    /**
     * The live process of an entry, only when its command line names this cluster's directory: a
     * pid the system has since given to another program is left alone.
     */
    Optional<ProcessHandle> ownProcess(ClusterProcess p) {
        return ProcessHandle.of(p.pid())
                .filter(ProcessHandle::isAlive)
                .filter(
                        h ->
                                h.info()
                                        .commandLine()
                                        .map(cmd -> cmd.contains(dir.toString()))
                                        .orElse(false));
    }

    private ClusterProcess startKafka(
            ClusterSpec spec,
            String classpath,
            Path conf,
            Path logs,
            Path log4j,
            List<Process> started)
            throws Exception {
        int brokerPort = LocalCluster.freePort();
        int controllerPort = LocalCluster.freePort();
        Path serverProperties =
                KafkaBrokerConfig.write(
                        conf,
                        KafkaBrokerConfig.entries(
                                dir.resolve("kafka-data"), brokerPort, controllerPort));
        Path log = logs.resolve("kafka.log");
        JvmProcess.runToCompletion(
                classpath,
                KAFKA_STORAGE_TOOL,
                List.of(
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        serverProperties.toString()),
                log4j,
                logs.resolve("kafka-format.log"),
                120);
        Process kafka =
                JvmProcess.start(
                        classpath,
                        List.of(
                                "-Xmx" + spec.kafkaHeapMb() + "m",
                                "-Xms" + spec.kafkaHeapMb() + "m"),
                        KAFKA_MAIN,
                        List.of(serverProperties.toString()),
                        log4j,
                        log);
        started.add(kafka);
        awaitPort(brokerPort, kafka, log);
        return new ClusterProcess(
                ClusterProcess.KAFKA,
                kafka.pid(),
                ports("broker", brokerPort, "controller", controllerPort),
                log.toString());
    }

    private static List<String> flinkJvmOptions(int heapMb, int directMb, int metaspaceMb) {
        return List.of(
                "-Xmx" + heapMb + "m",
                "-Xms" + heapMb + "m",
                "-XX:MaxDirectMemorySize=" + directMb + "m",
                "-XX:MaxMetaspaceSize=" + metaspaceMb + "m",
                "-Xss4m",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.nlpstream.schemas");
    }

    private static List<String> flinkArgs(Path conf, int prometheusPort) {
        return List.of(
                "--configDir",
                conf.toString(),
                "-D",
                "metrics.reporter.prom.port=" + prometheusPort);
    }

    private static Map<String, Integer> ports(Object... nameThenPort) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < nameThenPort.length; i += 2) {
            ports.put((String) nameThenPort[i], (Integer) nameThenPort[i + 1]);
        }
        return ports;
    }

    private static void awaitPort(int port, Process process, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                checkAlive(process, log, deadline);
                Thread.sleep(250);
            }
        }
    }

    private static void awaitRest(ClusterRest client, Process jm, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            try {
                client.get("/overview");
                return;
            } catch (IOException notYet) {
                checkAlive(jm, log, deadline);
                Thread.sleep(500);
            }
        }
    }

    private static void awaitTaskManagers(ClusterRest client, int expected, List<Process> started)
            throws Exception {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (client.taskManagers() < expected) {
            for (Process p : started) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(
                            "a cluster process (pid "
                                    + p.pid()
                                    + ") exited during start-up; see its log");
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "only "
                                + client.taskManagers()
                                + " of "
                                + expected
                                + " TaskManagers registered");
            }
            Thread.sleep(500);
        }
    }

    private static void checkAlive(Process process, Path log, long deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "process "
                            + process.pid()
                            + " exited with "
                            + process.exitValue()
                            + "; see "
                            + log);
        }
        if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException(
                    "process " + process.pid() + " did not start; see " + log);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
