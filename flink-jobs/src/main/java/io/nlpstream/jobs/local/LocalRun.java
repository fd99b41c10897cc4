package io.nlpstream.jobs.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.cluster.ClusterRest;
import io.nlpstream.jobs.cluster.ClusterState;
import io.nlpstream.jobs.cluster.JobJar;
import io.nlpstream.jobs.cluster.JobTopics;
import io.nlpstream.jobs.kafka.OutputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The embedded default: a real Kafka broker and a Flink MiniCluster in this JVM, the job between
 * them, a replayed stream in and every outcome read back and accounted for.
 */
public final class LocalRun {
    private static final String STARTER_RULES = "/rules/starter-rules.jsonl";
    private static final int MAX_LISTED_REJECTIONS = 100;

    /**
     * @param options job options (bootstrap servers are filled in here)
     * @param records the input record values, sent in order
     * @param ratePerSecond offered rate, 0 for as fast as possible
     * @param rulesFile JSON-lines rules to publish before the stream, null for the starter set
     * @param outDir where summary.json and the JSON-lines outputs go
     * @param statusIntervalMillis how often a status line is printed
     * @param drainTimeoutMillis how long to wait without progress for the last outputs
     */
    public record Settings(
            Configuration options,
            List<byte[]> records,
            double ratePerSecond,
            Path rulesFile,
            Path outDir,
            long statusIntervalMillis,
            long drainTimeoutMillis) {}

    private final Settings settings;
    private final PrintStream console;
    private Path clusterDir;

    public LocalRun(Settings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /**
     * Runs against the standalone cluster started from {@code dir} ({@code nlp-stream cluster up})
     * instead of an embedded broker and MiniCluster: the job jar is submitted to it, the stream
     * goes to its broker, and the accounting is the same.
     */
    public LocalRun onCluster(Path dir) {
        this.clusterDir = dir;
        return this;
    }

    /** Runs the whole scenario and returns the summary that was also written to summary.json. */
    public Map<String, Object> execute() throws Exception {
        JobConfiguration.trustSchemaPackage();
        Files.createDirectories(settings.outDir());
        Configuration options = new Configuration(settings.options());
        if (clusterDir != null) {
            return executeOnCluster(options);
        }
        console.println("Starting an embedded Kafka broker (KRaft) ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            options.set(JobOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            console.println("Kafka: " + kafka.bootstrapServers());
            createTopics(kafka, options);
            int rules = publishRules(kafka.bootstrapServers(), options.get(JobOptions.RULES_TOPIC));
            console.println(
                    "Published "
                            + rules
                            + " rules to '"
                            + options.get(JobOptions.RULES_TOPIC)
                            + "'");
            return runPipeline(kafka.bootstrapServers(), options, startEmbedded(options));
        }
    }

    private Map<String, Object> executeOnCluster(Configuration options) throws Exception {
        ClusterState cluster = ClusterState.read(clusterDir);
        options.set(JobOptions.BOOTSTRAP_SERVERS, cluster.bootstrapServers());
        console.println(
                "Kafka: " + cluster.bootstrapServers() + " (cluster in " + clusterDir + ")");
        console.println(
                "Created topics " + JobTopics.createMissing(cluster.bootstrapServers(), options));
        int rules = publishRules(cluster.bootstrapServers(), options.get(JobOptions.RULES_TOPIC));
        console.println(
                "Published " + rules + " rules to '" + options.get(JobOptions.RULES_TOPIC) + "'");
        ClusterRest rest = new ClusterRest(cluster.restAddress());
        List<String> args = new ArrayList<>();
        options.toMap()
                .forEach(
                        (key, value) -> {
                            args.add("--" + key);
                            args.add(value);
                        });
        String jobId = rest.run(rest.upload(JobJar.built()), args);
        console.println("Flink web UI: " + cluster.restAddress() + "  (job " + jobId + ")");
        console.println("Prometheus metrics: " + String.join(" ", cluster.prometheus()));
        RunningJob job =
                new RunningJob(
                        java.net.URI.create(cluster.restAddress()).getPort(),
                        jobId,
                        () -> {
                            for (Map<String, String> j : rest.jobs()) {
                                if (j.get("id").equals(jobId)) {
                                    return j.get("state");
                                }
                            }
                            return "UNKNOWN";
                        },
                        () -> rest.cancel(jobId));
        return runPipeline(cluster.bootstrapServers(), options, job);
    }

    /** A submitted job: where its REST API is, its state, and how to stop it. */
    private record RunningJob(int restPort, String jobId, State state, Cancel cancel) {
        interface State {
            String get() throws Exception;
        }

        interface Cancel {
            void run() throws Exception;
        }

        boolean ended() throws Exception {
            String s = state.get();
            return s.equals("FAILED") || s.equals("CANCELED") || s.equals("FINISHED");
        }
    }

    private RunningJob startEmbedded(Configuration options) throws Exception {
        int port = LocalCluster.freePort();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(
                        LocalCluster.configuration(port, options.get(JobOptions.PARALLELISM)));
        NlpStreamJob.buildJob(env, options);
        JobClient job = env.executeAsync("nlp-stream");
        console.println(
                "Flink web UI: http://localhost:" + port + "  (job " + job.getJobID() + ")");
        console.println(
                "Prometheus metrics: http://localhost:"
                        + LocalCluster.PROMETHEUS_PORTS.split("-")[0]
                        + "/metrics (first free port of "
                        + LocalCluster.PROMETHEUS_PORTS
                        + ")");
        return new RunningJob(
                port,
                job.getJobID().toString(),
                () -> job.getJobStatus().get().name(),
                () -> job.cancel().get());
    }

    private Map<String, Object> runPipeline(
            String bootstrapServers, Configuration options, RunningJob job) throws Exception {
        FlinkRest rest = new FlinkRest(job.restPort(), job.jobId());
        rest.awaitAllRunning(Duration.ofMinutes(2));

        OutputFormat format = OutputFormat.parse(options.get(JobOptions.OUTPUT_FORMAT));
        OutputTopics topics =
                new OutputTopics(
                        options.get(JobOptions.PREDICTIONS_TOPIC),
                        options.get(JobOptions.REVIEW_TOPIC),
                        options.get(JobOptions.ALERTS_TOPIC),
                        options.get(JobOptions.DEAD_LETTER_TOPIC));
        OutputCollector collector =
                new OutputCollector(bootstrapServers, topics, format, settings.outDir());
        StreamReplayer replayer =
                new StreamReplayer(
                        bootstrapServers,
                        options.get(JobOptions.INPUT_TOPIC),
                        settings.records(),
                        settings.ratePerSecond(),
                        rejection -> console.println(rejection.describe()));
        Thread collectorThread = start("output-collector", collector);
        long startMillis = System.currentTimeMillis();
        Thread replayerThread = start("replayer", replayer);

        StatusLine status = new StatusLine(console, replayer, collector, rest, startMillis);
        long lastProgressAt = System.currentTimeMillis();
        long lastAccounted = -1;
        long nextStatus = startMillis + settings.statusIntervalMillis();
        while (true) {
            Thread.sleep(200);
            long now = System.currentTimeMillis();
            if (now >= nextStatus) {
                status.print();
                nextStatus += settings.statusIntervalMillis();
            }
            long accounted = collector.accounted();
            if (accounted != lastAccounted) {
                lastAccounted = accounted;
                lastProgressAt = now;
            }
            boolean replayDone = !replayerThread.isAlive();
            // Only what the broker took can come out; a rejected send is accounted already.
            if (replayDone && accounted >= replayer.delivered()) {
                break;
            }
            if (replayDone && now - lastProgressAt > settings.drainTimeoutMillis()) {
                console.println(
                        "No progress for "
                                + settings.drainTimeoutMillis() / 1000
                                + " s; stopping.");
                break;
            }
            if (job.ended()) {
                console.println("The job ended unexpectedly: " + job.state().get());
                break;
            }
        }
        if (replayer.failure() != null) {
            console.println(
                    replayer.failedSends()
                            + " records could not be sent: "
                            + replayer.failure().getClass().getSimpleName()
                            + ": "
                            + replayer.failure().getMessage());
        }
        long elapsed = System.currentTimeMillis() - startMillis;
        OptionalDouble batch = rest.operatorMetric("inference", "batchSize_mean");
        status.print();
        job.cancel().run();
        collector.close();
        collectorThread.join(10_000);

        Map<String, Object> summary = summary(replayer, collector, elapsed, batch, options);
        writeSummary(summary);
        return summary;
    }

    private Map<String, Object> summary(
            StreamReplayer replayer,
            OutputCollector collector,
            long elapsedMillis,
            OptionalDouble batch,
            Configuration options) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<IngestRejection> rejections = replayer.rejections();
        long accounted = collector.accounted() + rejections.size();
        s.put("in", replayer.sent());
        s.put("predictions", collector.predictions());
        s.put("review", collector.review());
        s.put("dead_letter", collector.deadLetters());
        s.put("rejected_at_ingest", rejections.size());
        s.put("alerts", collector.alerts());
        s.put("accounted", accounted);
        s.put("all_accounted", accounted == replayer.sent() && collector.duplicates() == 0);
        s.put("duplicates", collector.duplicates());
        s.put("failed_sends", replayer.failedSends());
        s.put(
                "ingest_rejections",
                rejections.stream()
                        .limit(MAX_LISTED_REJECTIONS)
                        .map(IngestRejection::toMap)
                        .toList());
        s.put("rule_rejections", collector.ruleRejections());
        s.put("feedback_rejections", collector.feedbackRejections());
        s.put("review_share", share(collector.review(), collector.accounted()));
        s.put("latency_ms", collector.pipelineLatency().summary());
        s.put("visible_latency_ms", collector.visibleLatency().summary());
        s.put(
                "throughput_per_s",
                Math.round(collector.accounted() * 1000.0 / Math.max(1, elapsedMillis) * 10)
                        / 10.0);
        s.put("offered_rate_per_s", settings.ratePerSecond());
        s.put("elapsed_s", elapsedMillis / 1000.0);
        s.put(
                "mean_batch_size",
                batch.isPresent() ? Math.round(batch.getAsDouble() * 10) / 10.0 : null);
        s.put("model", options.get(JobOptions.MODEL));
        s.put("parallelism", options.get(JobOptions.PARALLELISM));
        s.put("batch_max_size", options.get(JobOptions.BATCH_MAX_SIZE));
        s.put("batch_max_wait_ms", options.get(JobOptions.BATCH_MAX_WAIT_MS));
        s.put("checkpoint_interval_ms", options.get(JobOptions.CHECKPOINT_INTERVAL_MS));
        s.put("threshold", options.get(JobOptions.CONFIDENCE_THRESHOLD));
        return s;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    private void writeSummary(Map<String, Object> summary) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String text = json.writeValueAsString(summary);
        Files.writeString(settings.outDir().resolve("summary.json"), text + "\n");
        console.println(text);
        console.println(
                "Wrote "
                        + settings.outDir().resolve("summary.json")
                        + " and one .jsonl file per output topic.");
    }

    private void createTopics(EmbeddedKafka kafka, Configuration options) throws Exception {
        Map<String, Integer> topics = JobTopics.partitions(options);
        kafka.createTopics(topics);
        console.println("Topics: " + topics);
    }

    private int publishRules(String bootstrapServers, String topic) throws IOException {
        List<byte[]> rules = new ArrayList<>();
        if (settings.rulesFile() != null) {
            rules.addAll(ReplayRecords.linesOf(settings.rulesFile(), Integer.MAX_VALUE));
        } else {
            try (InputStream in = LocalRun.class.getResourceAsStream(STARTER_RULES)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + STARTER_RULES);
                }
                for (String line :
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        rules.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        // The same checked sends as the stream: a rule line the broker refuses is reported.
        StreamReplayer publisher =
                new StreamReplayer(
                        bootstrapServers,
                        topic,
                        rules,
                        0,
                        rejection -> console.println("Rules file: " + rejection.describe()));
        publisher.run();
        if (publisher.failure() != null) {
            throw new IllegalStateException("cannot publish the rules", publisher.failure());
        }
        return (int) publisher.delivered();
    }

    private static Thread start(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
