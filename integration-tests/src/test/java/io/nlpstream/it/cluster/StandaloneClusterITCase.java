package io.nlpstream.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.cluster.ClusterProcess;
import io.nlpstream.jobs.cluster.ClusterRest;
import io.nlpstream.jobs.cluster.ClusterSpec;
import io.nlpstream.jobs.cluster.ClusterState;
import io.nlpstream.jobs.cluster.JobTopics;
import io.nlpstream.jobs.cluster.PrometheusConfig;
import io.nlpstream.jobs.cluster.StandaloneCluster;
import io.nlpstream.jobs.kafka.KafkaClientProperties;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.kafka.OutputFormat;
import io.nlpstream.jobs.local.FlinkRest;
import io.nlpstream.jobs.local.OutputCollector;
import io.nlpstream.jobs.local.OutputTopics;
import io.nlpstream.jobs.local.ReplayRecords;
import io.nlpstream.jobs.local.StreamReplayer;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real multi-process cluster: a JobManager, two TaskManagers and a KRaft
 * broker, each its own JVM, with a real Prometheus scraping the cluster's reporters. One
 * TaskManager is killed with {@code kill -9} mid-stream; every record must still end in exactly one
 * output. Then every metric the Grafana dashboard reads must be in Prometheus, every panel's query
 * must return a number, dead letters must be counted by stage and reason, and every output's
 * end-to-end latency measured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterITCase {
    private static final int RECORDS = 1500;
    private static final String SECRET = "key-password-" + java.util.UUID.randomUUID();
    private static final double RATE = 25;
    private static final Path REPO = Path.of(System.getProperty("nlpstream.repo-root", ".."));
    private static final Path DASHBOARD = REPO.resolve("docker/grafana/dashboards/nlp-stream.json");
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    @TempDir static Path tmp;

    private StandaloneCluster cluster;
    private ClusterState state;
    private PrometheusServer prometheus;
    private FlinkRest job;
    private String firstJobId;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = new StandaloneCluster(tmp.resolve("cluster"), System.out);
        state = cluster.up(new ClusterSpec(2, 2, 384));
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, PrometheusConfig.yaml(state, 2));
        prometheus = PrometheusServer.start(config, tmp.resolve("prometheus"));
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    @Order(1)
    void jobJarSurvivesAKilledTaskManagerWithNothingLostOrDuplicated() throws Exception {
        long started = System.currentTimeMillis();
        List<String> args =
                List.of(
                        "--" + JobOptions.BOOTSTRAP_SERVERS.key(), state.bootstrapServers(),
                        "--" + JobOptions.OUTPUT_FORMAT.key(), "json",
                        "--" + JobOptions.PARALLELISM.key(), "2",
                        "--" + JobOptions.TRANSACTIONAL_ID_PREFIX.key(), "cluster-it",
                        // A secret among the options, which must show in no view or log.
                        "--" + KafkaClientProperties.PREFIX + "ssl.key.password", SECRET);
        Configuration options = new Configuration();
        options.set(JobOptions.BOOTSTRAP_SERVERS, state.bootstrapServers());
        JobTopics.createMissing(state.bootstrapServers(), options);
        publishStarterRules(options.get(JobOptions.RULES_TOPIC));

        ClusterRest rest = new ClusterRest(state.restAddress());
        String jobId = rest.run(rest.upload(jobJar()), args);
        firstJobId = jobId;
        job = new FlinkRest(URI.create(state.restAddress()).getPort(), jobId);
        job.awaitAllRunning(Duration.ofMinutes(3));
        assertThat(tasksPerTaskManager(rest, jobId))
                .as("the job is spread over both TaskManagers")
                .hasSize(2);

        List<LabelledText> texts = Datasets.fromDefaultCache().uciSentiment();
        List<byte[]> records = ReplayRecords.fromDataset(texts, RECORDS, 0.01, 42L);
        OutputCollector collector = collector(options, "outputs");
        StreamReplayer replayer =
                new StreamReplayer(
                        state.bootstrapServers(),
                        options.get(JobOptions.INPUT_TOPIC),
                        records,
                        RATE);
        Thread collecting = start("collector", collector);
        Thread replaying = start("replayer", replayer);

        awaitUntil(() -> collector.accounted() >= RECORDS / 4, Duration.ofMinutes(3));
        // Delayed labels mid-stream: the monitors publish their AUC with the predictions after
        // them.
        sendFeedback(options.get(JobOptions.FEEDBACK_TOPIC), texts);
        ClusterProcess victim = state.byRole(ClusterProcess.TASKMANAGER).get(0);
        long accountedAtKill = collector.accounted();
        int exit = new ProcessBuilder("kill", "-9", String.valueOf(victim.pid())).start().waitFor();
        assertThat(exit).isZero();
        System.out.printf(
                "killed taskmanager pid %d with kill -9 after %d of %d records were accounted%n",
                victim.pid(), accountedAtKill, RECORDS);

        replaying.join(Duration.ofMinutes(4).toMillis());
        awaitUntil(() -> collector.accounted() >= replayer.sent(), Duration.ofMinutes(3));
        // Anything late (a duplicate from a replayed transaction) would arrive by now.
        Thread.sleep(5_000);
        collector.close();
        collecting.join(10_000);

        JsonNode checkpoints = rest.get("/jobs/" + jobId + "/checkpoints");
        long restored = checkpoints.at("/counts/restored").asLong();
        int failures =
                rest.get("/jobs/" + jobId + "/exceptions").at("/exceptionHistory/entries").size();
        System.out.printf(
                "cluster run: sent %d, accounted %d (predictions %d, review %d, dead letters %d),"
                        + " duplicates %d, failures %d, restores from a checkpoint %d, %.0f s%n",
                replayer.sent(),
                collector.accounted(),
                collector.predictions(),
                collector.review(),
                collector.deadLetters(),
                collector.duplicates(),
                failures,
                restored,
                (System.currentTimeMillis() - started) / 1000.0);
        assertThat(replayer.failure()).isNull();
        assertThat(replayer.sent()).isEqualTo(RECORDS);
        assertThat(victim.alive()).as("the killed TaskManager is gone").isFalse();
        assertThat(failures)
                .as("the lost TaskManager is in the job's exception history")
                .isPositive();
        assertThat(restored).as("Flink restored the job from a checkpoint").isPositive();
        assertThat(rest.get("/jobs/" + jobId).path("state").asText()).isEqualTo("RUNNING");
        for (String view :
                List.of(
                        "/jobmanager/config",
                        "/jobs/" + jobId + "/config",
                        "/jobs/" + jobId + "/jobmanager/config")) {
            assertThat(rest.get(view).toString()).as("web UI view " + view).doesNotContain(SECRET);
        }
        for (ClusterProcess p : state.processes()) {
            assertThat(Files.readString(Path.of(p.log()))).as(p.log()).doesNotContain(SECRET);
        }
        assertThat(collector.duplicates()).as("duplicates").isZero();
        assertThat(collector.accounted()).as("records accounted").isEqualTo(RECORDS);
    }

    @Test
    @Order(2)
    void prometheusScrapedEveryMetricTheDashboardReads() throws Exception {
        Set<String> needed = DashboardQueries.metricNames(DashboardQueries.expressions(DASHBOARD));
        awaitUntil(() -> prometheus.metricNames().containsAll(needed), Duration.ofSeconds(60));
        List<String> scraped = prometheus.metricNames();
        System.out.println("Prometheus targets: " + prometheus.targets());
        System.out.println(
                "nlp-stream operator metrics scraped: "
                        + scraped.stream()
                                .filter(n -> n.startsWith("flink_taskmanager_job_task_operator_"))
                                .map(
                                        n ->
                                                n.substring(
                                                        "flink_taskmanager_job_task_operator_"
                                                                .length()))
                                .toList());
        System.out.println(
                "latency metrics scraped: "
                        + scraped.stream().filter(n -> n.contains("latency")).toList());
        assertThat(scraped).as("metrics the dashboard needs").containsAll(needed);
    }

    @Test
    @Order(3)
    void everyDashboardPanelQueryReturnsANumber() throws Exception {
        Map<String, String> expressions = DashboardQueries.expressions(DASHBOARD);
        assertThat(expressions).isNotEmpty();
        // Scrapes lag the run by a few seconds.
        awaitUntil(() -> unanswered(expressions).isEmpty(), Duration.ofSeconds(90));
        Map<String, List<Double>> results = new LinkedHashMap<>();
        List<String> empty = new ArrayList<>();
        for (var e : expressions.entrySet()) {
            List<Double> values = prometheus.query(e.getValue());
            results.put(e.getKey(), values);
            if (values.stream().noneMatch(Double::isFinite)) {
                empty.add(e.getKey() + ": " + e.getValue());
            }
        }
        results.forEach((panel, values) -> System.out.println("PromQL " + panel + " = " + values));
        System.out.println(
                "feedback matched: "
                        + prometheus.query(
                                "sum(flink_taskmanager_job_task_operator_feedbackMatched)"));
        assertThat(empty).as("panel queries without a finite value").isEmpty();
    }

    @Test
    @Order(4)
    void deadLettersAreCountedByStageAndReasonAndEveryOutputsLatencyIsMeasured() throws Exception {
        Map<String, Double> byReason =
                prometheus.queryByLabels(
                        "sum by (stage, reason) (" + OPERATOR + "stage_reason_deadLetters)",
                        "stage",
                        "reason");
        System.out.println("dead letters by stage/reason since the tasks started: " + byReason);
        assertThat(byReason)
                .as("the replayed malformed records are parse dead letters")
                .containsKey("PARSE/MalformedInputException");
        assertThat(byReason.get("PARSE/MalformedInputException")).isPositive();

        Map<String, Double> p99 =
                prometheus.queryByLabels(
                        "max by (output) ("
                                + OPERATOR
                                + "output_endToEndLatencyMs{quantile=\"0.99\"} > -Inf)",
                        "output");
        Map<String, Double> count =
                prometheus.queryByLabels(
                        "sum by (output) (" + OPERATOR + "output_endToEndLatencyMs_count)",
                        "output");
        System.out.println("end-to-end latency p99 by output (ms): " + p99);
        System.out.println("records measured by output since the tasks started: " + count);
        assertThat(p99).containsOnlyKeys("prediction", "review", "dead_letter");
        // Each measured record waited at least for the source and the sink's chain; never 0 on
        // every record, never hours.
        assertThat(p99.values()).allSatisfy(ms -> assertThat(ms).isPositive().isLessThan(600_000));
    }

    /**
     * A profile submitted as the session cluster's second job, once the first is cancelled: the
     * profile's options resolve in the JobManager, and its tasks load the model on TaskManagers
     * where the first job's tasks had loaded the native libraries already (from the job jar's own
     * class loader, a library loaded once per JVM could not load again).
     */
    @Test
    @Order(5)
    void aProfileRunsAsTheSecondJobOnTheSameTaskManagers() throws Exception {
        ClusterRest rest = new ClusterRest(state.restAddress());
        rest.cancel(firstJobId);
        awaitUntil(
                () -> rest.get("/jobs/" + firstJobId).path("state").asText().equals("CANCELED"),
                Duration.ofMinutes(1));
        Configuration options = new Configuration();
        options.set(JobOptions.BOOTSTRAP_SERVERS, state.bootstrapServers());
        for (ConfigOption<String> topic :
                List.of(
                        JobOptions.INPUT_TOPIC,
                        JobOptions.PREDICTIONS_TOPIC,
                        JobOptions.REVIEW_TOPIC,
                        JobOptions.ALERTS_TOPIC,
                        JobOptions.DEAD_LETTER_TOPIC,
                        JobOptions.SPIKE_ALERTS_TOPIC)) {
            options.set(topic, "second-" + topic.defaultValue());
        }
        JobTopics.createMissing(state.bootstrapServers(), options);
        List<String> args = new ArrayList<>(List.of("--profile", "opinion-spikes"));
        options.toMap()
                .forEach(
                        (key, value) -> {
                            args.add("--" + key);
                            args.add(value);
                        });
        args.addAll(
                List.of(
                        "--" + JobOptions.OUTPUT_FORMAT.key(), "json",
                        "--" + JobOptions.TRANSACTIONAL_ID_PREFIX.key(), "cluster-it-second"));

        String second = rest.run(rest.upload(jobJar()), args);
        new FlinkRest(URI.create(state.restAddress()).getPort(), second)
                .awaitAllRunning(Duration.ofMinutes(3));
        int records = 60;
        OutputCollector collector = collector(options, "second-outputs");
        StreamReplayer replayer =
                new StreamReplayer(
                        state.bootstrapServers(),
                        options.get(JobOptions.INPUT_TOPIC),
                        ReplayRecords.fromDataset(
                                Datasets.fromDefaultCache().uciSentiment(), records, 0.0, 7L),
                        RATE);
        Thread collecting = start("second collector", collector);
        Thread replaying = start("second replayer", replayer);
        replaying.join(Duration.ofMinutes(2).toMillis());
        awaitUntil(() -> collector.accounted() >= records, Duration.ofMinutes(2));
        collector.close();
        collecting.join(10_000);
        int failures =
                rest.get("/jobs/" + second + "/exceptions").at("/exceptionHistory/entries").size();
        rest.cancel(second);

        assertThat(failures).as("failures of the second job").isZero();
        assertThat(collector.accounted()).isEqualTo(records);
        assertThat(collector.duplicates()).isZero();
    }

    /** A read_committed collector of the JSON outputs the options name, into tmp/{@code dir}. */
    private OutputCollector collector(Configuration options, String dir) throws IOException {
        return new OutputCollector(
                state.bootstrapServers(),
                new OutputTopics(
                        options.get(JobOptions.PREDICTIONS_TOPIC),
                        options.get(JobOptions.REVIEW_TOPIC),
                        options.get(JobOptions.ALERTS_TOPIC),
                        options.get(JobOptions.DEAD_LETTER_TOPIC)),
                OutputFormat.JSON,
                Files.createDirectories(tmp.resolve(dir)));
    }

    private List<String> unanswered(Map<String, String> expressions) throws Exception {
        List<String> empty = new ArrayList<>();
        for (var e : expressions.entrySet()) {
            if (prometheus.query(e.getValue()).stream().noneMatch(Double::isFinite)) {
                empty.add(e.getKey());
            }
        }
        return empty;
    }

    private static Map<String, Integer> tasksPerTaskManager(ClusterRest rest, String jobId)
            throws Exception {
        Map<String, Integer> perTm = new LinkedHashMap<>();
        for (var vertex : rest.get("/jobs/" + jobId).path("vertices")) {
            var tms =
                    rest.get(
                            "/jobs/"
                                    + jobId
                                    + "/vertices/"
                                    + vertex.path("id").asText()
                                    + "/taskmanagers");
            for (var tm : tms.path("taskmanagers")) {
                perTm.merge(tm.path("taskmanager-id").asText(), 1, Integer::sum);
            }
        }
        return perTm;
    }

    private static Path jobJar() {
        Path jar = Path.of(System.getProperty("nlpstream.job-jar", "missing"));
        assertThat(jar).as("the shaded job jar (mvn -pl flink-jobs -am package)").isRegularFile();
        return jar;
    }

    private void publishStarterRules(String topic) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/rules/starter-rules.jsonl");
                KafkaProducer<byte[], byte[]> producer =
                        KafkaClients.producer(state.bootstrapServers())) {
            assertThat(in).as("starter rules resource").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    producer.send(
                            new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
    }

    /** The true labels of the replayed sentences, as delayed feedback (JSON). */
    private void sendFeedback(String topic, List<LabelledText> texts) {
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(state.bootstrapServers())) {
            for (LabelledText t : texts) {
                String json = "{\"id\":\"" + t.id() + "\",\"label\":\"" + t.label() + "\"}";
                producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Check check, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!check.holds() && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
    }

    private static Thread start(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
