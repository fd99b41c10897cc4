package io.nlpstream.jobs.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.local.FlinkRest;
import io.nlpstream.jobs.local.LocalSession;
import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.bundle.BundleIo;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.train.TrainConfig;
import io.nlpstream.serving.train.TrainRunner;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The closed loop on a real domain shift: a spam filter serves a stream whose mail changes, delayed
 * labels reveal the AUC drop, a retrained candidate is checked in shadow and promoted without
 * restarting the job. Writes drift-report.json.
 */
public final class DriftDemo {
    static final String BASE_ID = "spam-filter";
    static final String BASE_VERSION = "1";

    /**
     * @param outDir where the report, the bundles and the log go
     * @param ratePerSecond records offered per second
     * @param lag records between a text and its true label; negative: labels are withheld
     * @param maxChars first characters of each e-mail that are streamed
     * @param encoder sentence encoder of the spam filter
     * @param inDomain most in-domain records streamed (0 = all held-out ones)
     * @param shifted most shifted records streamed (0 = all)
     * @param overrides job options that win over the demo's
     */
    public record Settings(
            Path outDir,
            double ratePerSecond,
            int lag,
            int maxChars,
            String encoder,
            int inDomain,
            int shifted,
            Map<String, String> overrides) {}

    private final Settings settings;
    private final PrintStream console;
    private long lastStatusAt;

    public DriftDemo(Settings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    public Map<String, Object> execute() throws Exception {
        JobConfiguration.trustSchemaPackage();
        Files.createDirectories(settings.outDir());
        DriftScenario scenario =
                DriftScenario.spamAssassin(
                        Datasets.fromDefaultCache(),
                        settings.maxChars(),
                        0.7,
                        42L,
                        settings.inDomain(),
                        settings.shifted());
        console.printf(
                "Scenario: base model trained on %d e-mails (easy-ham-1 + spam-1); stream of %d: %d in domain, then %d shifted (hard-ham-1 + spam-2)%n",
                scenario.reference().size(),
                scenario.stream().size(),
                scenario.shiftAt(),
                scenario.stream().size() - scenario.shiftAt());
        Path base = baseModel(scenario);
        Configuration options = options(base);
        try (LocalSession session = LocalSession.start()) {
            options = session.options(options);
            session.createJobTopics(options, 2);
            return run(session, options, DemoTopics.of(options), scenario);
        }
    }

    private Map<String, Object> run(
            LocalSession session, Configuration options, DemoTopics topics, DriftScenario scenario)
            throws Exception {
        session.startJob(options, "nlp-stream drift demo", true);
        console.println("Flink web UI: http://localhost:" + session.webUiPort());
        session.awaitRunning(Duration.ofMinutes(2));
        FlinkRest rest = session.rest();

        DemoCollector collector = new DemoCollector(session.bootstrapServers(), topics);
        Thread collecting = LocalSession.daemon("demo-collector", collector);
        LabelledStreamProducer producer =
                new LabelledStreamProducer(
                        session.bootstrapServers(),
                        topics,
                        scenario.stream(),
                        settings.ratePerSecond(),
                        settings.lag());
        Thread producing = LocalSession.daemon("demo-producer", producer);

        CorruptCandidate corrupt =
                new CorruptCandidate(
                        settings.outDir().resolve("bundles"),
                        session.bootstrapServers(),
                        topics.control());
        int reported = 0;
        long lastProgress = System.currentTimeMillis();
        long lastAccounted = -1;
        while (true) {
            Thread.sleep(1_000);
            if (!corrupt.published() && producer.sent() >= scenario.shiftAt() / 2) {
                corrupt.publish(BASE_ID);
            }
            reported = printNewControl(collector, reported, producer);
            long accounted = collector.accounted();
            if (accounted != lastAccounted) {
                lastAccounted = accounted;
                lastProgress = System.currentTimeMillis();
            }
            if (!producing.isAlive() && accounted >= scenario.stream().size()) {
                break;
            }
            if (System.currentTimeMillis() - lastProgress > 120_000) {
                console.println("No progress for 120 s; stopping.");
                break;
            }
        }
        Thread.sleep(2_000);
        printNewControl(collector, reported, producer);
        int restarts = (int) rest.jobMetric("numRestarts").orElse(0);
        session.stopJob();
        collector.close();
        collecting.join(5_000);

        DriftReport report = new DriftReport(scenario, producer, collector, BASE_VERSION);
        List<LabelledText> shifted =
                scenario.stream().subList(scenario.shiftAt(), scenario.stream().size());
        console.println(
                "Training the oracle head on all " + shifted.size() + " post-shift labels ...");
        double oracle =
                OracleHead.auc(
                        shifted,
                        Encoder.byId(settings.encoder()),
                        settings.outDir().resolve("bundles").resolve(BASE_ID + "-oracle"),
                        new PrintWriter(console, true));
        Map<String, Object> figures = report.build(restarts, oracle);
        String chart = report.chart();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(
                settings.outDir().resolve("drift-report.json"),
                json.writeValueAsString(figures) + "\n");
        Files.writeString(settings.outDir().resolve("auc-chart.txt"), chart);
        console.println();
        console.print(chart);
        console.println(json.writeValueAsString(figures));
        console.println("Wrote " + settings.outDir().resolve("drift-report.json"));
        return figures;
    }

    private int printNewControl(
            DemoCollector collector, int reported, LabelledStreamProducer producer) {
        var control = collector.control();
        for (int i = reported; i < control.size(); i++) {
            var u = control.get(i).update();
            console.printf(
                    "[sent %5d] %-17s %s %s: %s%n",
                    producer.sent(), u.getCommand(), u.getModelId(), u.getVersion(), u.getReason());
        }
        long now = System.currentTimeMillis();
        if (now - lastStatusAt >= 10_000) {
            console.printf(
                    "[sent %5d] decisions read back: %d%n", producer.sent(), collector.accounted());
            lastStatusAt = now;
        }
        return control.size();
    }

    /** The demo's starting model: trained once on the reference part, then reused. */
    private Path base(DriftScenario scenario) {
        return settings.outDir()
                .resolve("bundles")
                .resolve(BASE_ID + "-" + BASE_VERSION + "-" + settings.encoder());
    }

    private Path baseModel(DriftScenario scenario) {
        Path dir = base(scenario);
        if (Files.isRegularFile(dir.resolve(BundleIo.MANIFEST))) {
            console.println("Base model: " + dir + " (already trained)");
            return dir;
        }
        console.println(
                "Training the base spam filter on " + scenario.reference().size() + " e-mails ...");
        Encoder encoder = Encoder.byId(settings.encoder());
        TrainConfig config =
                TrainConfig.defaults(BASE_ID, encoder, "")
                        .singleDomain(
                                BASE_VERSION,
                                "70% of spamassassin easy-ham-1 + spam-1 (first "
                                        + settings.maxChars()
                                        + " characters), labels ham/spam");
        TrainRunner.train(
                scenario.reference(),
                config,
                ClassifierOptions.defaults(),
                dir,
                new PrintWriter(console, true));
        return dir;
    }

    private Configuration options(Path base) {
        Configuration o = new Configuration();
        o.set(JobOptions.MODEL, base.toAbsolutePath().toString());
        o.set(JobOptions.CHECKPOINT_INTERVAL_MS, 1_000L);
        o.set(JobOptions.TRANSACTIONAL_ID_PREFIX, "drift-demo");
        Map<String, String> demo = new LinkedHashMap<>();
        demo.put("drift.window.labelled.count", "200");
        demo.put("drift.auc.min-labelled", "100");
        demo.put("drift.reference.size", "400");
        demo.put("drift.baseline.after-labelled", "300");
        demo.put("drift.trigger.drop", "0.05");
        demo.put("drift.trigger.consecutive", "50");
        demo.put("drift.trigger.cooldown", "2000");
        demo.put("drift.emit-every", "50");
        demo.put(
                "drift.retrain.bundle-dir",
                settings.outDir().resolve("bundles").toAbsolutePath().toString());
        demo.put("drift.retrain.recent-window", "300");
        demo.put("drift.retrain.min-labelled", "150");
        demo.put("drift.retrain.reference", DriftScenario.REFERENCE_SPEC);
        demo.put("drift.retrain.reference-sample", "200");
        demo.put("drift.retrain.reference-label-map", "hard-ham:ham");
        demo.put("drift.retrain.reference-max-chars", String.valueOf(settings.maxChars()));
        demo.put("drift.promotion.min-records", "150");
        demo.put("drift.promotion.max-records", "500");
        demo.put("drift.promotion.margin", "0.01");
        demo.putAll(settings.overrides());
        demo.forEach(o::setString);
        return o;
    }
}
