package io.nlpstream.jobs.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.kafka.OutputFormat;
import io.nlpstream.jobs.profiles.Profile;
import io.nlpstream.jobs.profiles.ProfileDefaults;
import io.nlpstream.jobs.profiles.ProfileOptions;
import io.nlpstream.schemas.EntitySentiment;
import io.nlpstream.schemas.SpikeAlert;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;

/**
 * The embedded default: a real Kafka broker and a Flink MiniCluster in this JVM, the job between
 * them, a replayed stream in and every outcome read back and accounted for.
 */
public final class LocalRun {
    private static final int MAX_LISTED_REJECTIONS = 100;

    /**
     * @param options job options (bootstrap servers are filled in here)
     * @param records the input record values, sent in order
     * @param ratePerSecond offered rate, 0 for as fast as possible
     * @param rulesFile JSON-lines rules to publish before the stream, null for the starter set (the
     *     profile's own when a profile runs)
     * @param outDir where summary.json and the JSON-lines outputs go
     * @param statusIntervalMillis how often a status line is printed
     * @param drainTimeoutMillis how long to wait without progress for the last outputs
     * @param scenario what the replayed stream holds, for the summary; a {@code burst_key} and
     *     {@code burst_started} (ISO-8601) make it name the first alert about that key
     * @param ticketEvents JSON lines published to the ticket-events topic before the stream, or
     *     null
     */
    public record Settings(
            Configuration options,
            List<byte[]> records,
            double ratePerSecond,
            Path rulesFile,
            Path outDir,
            long statusIntervalMillis,
            long drainTimeoutMillis,
            Map<String, Object> scenario,
            Path ticketEvents) {

        public Settings(
                Configuration options,
                List<byte[]> records,
                double ratePerSecond,
                Path rulesFile,
                Path outDir,
                long statusIntervalMillis,
                long drainTimeoutMillis) {
            this(
                    options,
                    records,
                    ratePerSecond,
                    rulesFile,
                    outDir,
                    statusIntervalMillis,
                    drainTimeoutMillis,
                    Map.of(),
                    null);
        }
    }

    private final Settings settings;
    private final PrintStream console;
    private Path clusterDir;

    public LocalRun(Settings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /**
     * Runs against the standalone cluster started in {@code dir} ({@code nlp-stream cluster up})
     * instead of an embedded broker and MiniCluster: the job jar is submitted to it, the stream
     * goes to its broker, and the accounting is the same.
     */
    public LocalRun onCluster(Path dir) {
        this.clusterDir = dir;
        return this;
    }

    /** Runs the whole scenario and returns the summary that was also written to summary.json. */
    public Map<String, Object> execute() throws Exception {
        Files.createDirectories(settings.outDir());
        if (clusterDir == null) {
            console.println("Starting an embedded Kafka broker (KRaft) ...");
        }
        try (LocalSession session =
                clusterDir == null ? LocalSession.start() : LocalSession.onCluster(clusterDir)) {
            Configuration options = session.options(settings.options());
            console.println("Kafka: " + session.bootstrapServers());
            Map<String, Integer> topics =
                    session.createJobTopics(
                            options, Math.max(2, options.get(JobOptions.PARALLELISM)));
            console.println("Topics: " + topics);
            int rules = publishRules(session, options.get(JobOptions.RULES_TOPIC));
            console.println(
                    "Published "
                            + rules
                            + " rules to '"
                            + options.get(JobOptions.RULES_TOPIC)
                            + "'");
            if (settings.ticketEvents() != null) {
                String topic = options.get(JobOptions.TICKET_EVENTS_TOPIC);
                StreamReplayer events =
                        session.replayer(
                                topic,
                                ReplayRecords.linesOf(settings.ticketEvents(), Integer.MAX_VALUE),
                                0,
                                rejection ->
                                        console.println("Ticket events: " + rejection.describe()));
                events.run();
                console.println(
                        "Published " + events.delivered() + " ticket events to '" + topic + "'");
            }
            return runPipeline(session, options);
        }
    }

    private Map<String, Object> runPipeline(LocalSession session, Configuration options)
            throws Exception {
        String jobId = session.submitJob(options, "nlp-stream");
        console.println(
                "Flink web UI: http://localhost:" + session.webUiPort() + "  (job " + jobId + ")");
        console.println("Prometheus metrics: " + session.prometheusEndpoints());
        session.awaitRunning(Duration.ofMinutes(2));
        FlinkRest rest = session.rest();

        OutputFormat format = OutputFormat.parse(options.get(JobOptions.OUTPUT_FORMAT));
        OutputTopics topics =
                new OutputTopics(
                        options.get(JobOptions.PREDICTIONS_TOPIC),
                        options.get(JobOptions.REVIEW_TOPIC),
                        options.get(JobOptions.ALERTS_TOPIC),
                        options.get(JobOptions.DEAD_LETTER_TOPIC));
        OutputCollector collector =
                new OutputCollector(session.bootstrapServers(), topics, format, settings.outDir());
        StreamReplayer replayer =
                session.replayer(
                        options.get(JobOptions.INPUT_TOPIC),
                        settings.records(),
                        settings.ratePerSecond(),
                        rejection -> console.println(rejection.describe()));
        Thread collectorThread = LocalSession.daemon("output-collector", collector);
        long startMillis = System.currentTimeMillis();
        Thread replayerThread = LocalSession.daemon("replayer", replayer);

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
            if (session.jobEnded()) {
                console.println("The job ended unexpectedly: " + session.jobState());
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
        List<SpikeAlert> spikeAlerts = List.of();
        List<EntitySentiment> series = List.of();
        if (profile(options) != Profile.NONE) {
            spikeAlerts =
                    collectOutput(
                            session,
                            options.get(JobOptions.SPIKE_ALERTS_TOPIC),
                            format,
                            SpikeAlert.class,
                            SpikeAlert.getClassSchema());
        }
        if (profile(options) == Profile.FINANCIAL_SENTIMENT) {
            series =
                    collectOutput(
                            session,
                            options.get(JobOptions.ENTITY_SENTIMENT_TOPIC),
                            format,
                            EntitySentiment.class,
                            EntitySentiment.getClassSchema());
        }
        OptionalDouble batch = rest.operatorMetric("inference", "batchSize_mean");
        status.print();
        session.stopJob();
        collector.close();
        collectorThread.join(10_000);

        Map<String, Object> summary = summary(replayer, collector, elapsed, batch, options);
        if (profile(options) != Profile.NONE) {
            summary.put("profile", profile(options).id());
            summary.put("spike_alerts", spikeAlerts.stream().map(SpikeAlertView::of).toList());
        }
        if (!series.isEmpty()) {
            summary.put("entity_sentiment_points", pointsPerEntity(series));
        }
        if (!settings.scenario().isEmpty()) {
            summary.put("scenario", settings.scenario());
            burstAlert(spikeAlerts).ifPresent(a -> summary.put("burst_alert", a));
        }
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
        s.put("batch_max_tokens", options.get(JobOptions.BATCH_MAX_TOKENS));
        s.put("latency_target_p99_ms", options.get(JobOptions.LATENCY_TARGET_P99_MS));
        s.put("checkpoint_interval_ms", options.get(JobOptions.CHECKPOINT_INTERVAL_MS));
        s.put("threshold", options.get(JobOptions.CONFIDENCE_THRESHOLD));
        return s;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    /** The first alert about the scenario's burst key, and how long after the burst it fired. */
    private Optional<Map<String, Object>> burstAlert(List<SpikeAlert> alerts) {
        Object key = settings.scenario().get("burst_key");
        Object started = settings.scenario().get("burst_started");
        if (key == null || started == null) {
            return Optional.empty();
        }
        long start = Instant.parse(started.toString()).toEpochMilli();
        return alerts.stream()
                .filter(a -> a.getKey().equals(key) && a.getType().equals("FIRED"))
                .filter(a -> a.getWindowEnd() > start)
                .findFirst()
                .map(
                        a -> {
                            Map<String, Object> m = new LinkedHashMap<>(SpikeAlertView.of(a));
                            m.put(
                                    "fired_after_burst_start",
                                    Duration.ofMillis(a.getFiredAt() - start).toString());
                            return m;
                        });
    }

    /** Every committed record of a derived output topic, also written to TOPIC.jsonl. */
    private <T extends SpecificRecord> List<T> collectOutput(
            LocalSession session, String topic, OutputFormat format, Class<T> type, Schema schema)
            throws IOException {
        List<T> records =
                CommittedRecordReader.readAll(
                        session.bootstrapServers(),
                        topic,
                        format,
                        Duration.ofSeconds(3),
                        type,
                        schema);
        writeLines(topic + ".jsonl", records);
        return records;
    }

    /** How many windows of the sentiment series each entity has, by entity. */
    private static Map<String, Long> pointsPerEntity(List<EntitySentiment> series) {
        Map<String, Long> points = new TreeMap<>();
        series.forEach(p -> points.merge(p.getEntity(), 1L, Long::sum));
        return points;
    }

    private static Profile profile(Configuration options) {
        return Profile.of(options.get(ProfileOptions.PROFILE));
    }

    private void writeLines(String file, List<? extends Object> records) throws IOException {
        StringBuilder lines = new StringBuilder();
        records.forEach(r -> lines.append(r).append('\n'));
        Files.writeString(settings.outDir().resolve(file), lines.toString());
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

    private int publishRules(LocalSession session, String topic) throws IOException {
        List<byte[]> rules =
                settings.rulesFile() != null
                        ? ReplayRecords.linesOf(settings.rulesFile(), Integer.MAX_VALUE)
                        : ProfileDefaults.rules(profile(settings.options()));
        // The same checked sends as the stream: a rule line the broker refuses is reported.
        StreamReplayer publisher =
                session.replayer(
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
}
