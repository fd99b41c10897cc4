package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.local.EmbeddedKafka;
import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.SharedClassifiers;
import io.nlpstream.serving.TextClassifier;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the CPU benchmark in this process: raw model, full pipeline at saturation, per-record
 * inference, open-loop latency at shares of the saturation rate, parallelism 1 against 2, peak
 * memory.
 */
public final class Benchmark {
    /** Everything one CPU run measured. */
    record Results(
            BenchSettings settings,
            ModelInfo model,
            Map<String, Object> dataset,
            RawThroughput.Result raw,
            RawThroughput.Result rawPerRecord,
            PipelineResult saturation,
            PipelineResult perRecord,
            List<PipelineResult> latency,
            PipelineResult parallelismOne,
            long peakRssBytes,
            double elapsedSeconds) {}

    private final BenchSettings settings;
    private final PrintStream console;

    public Benchmark(BenchSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /** Runs every phase and returns the report that is also printed as a table. */
    public Map<String, Object> run() throws Exception {
        long started = System.nanoTime();
        JobConfiguration.trustSchemaPackage();
        BenchData data = BenchData.uciSentiment();
        ModelInfo model = ModelInfo.of(settings.model());
        console.printf(
                Locale.ROOT,
                "nlp-stream bench (%s): %s, %d texts, batch %d, parallelism %d x %d intra-op thread(s)%n",
                settings.mode(),
                model,
                data.texts().size(),
                settings.batch(),
                settings.parallelism(),
                settings.threads());

        console.println("1/7 raw model, batch " + settings.batch());
        RawThroughput.Result raw = raw(data, settings.batch());
        console.printf(Locale.ROOT, "    %.1f texts/s%n", raw.textsPerSecond());
        console.println("2/7 raw model, batch 1");
        RawThroughput.Result rawPerRecord = raw(data, 1);
        console.printf(Locale.ROOT, "    %.1f texts/s%n", rawPerRecord.textsPerSecond());

        console.println("    starting the embedded Kafka broker");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            PipelineRunner runner = new PipelineRunner(kafka, console);
            int saturationRecords =
                    recordsFor(
                            Math.max(raw.textsPerSecond(), rawPerRecord.textsPerSecond()),
                            settings.warmup().plus(settings.saturation()));

            console.printf(
                    Locale.ROOT,
                    "    JIT warm-up: the pipeline at saturation for %d s, not measured%n",
                    settings.jitWarmup().toSeconds());
            report(
                    runner.run(
                            saturated(
                                    "jit-warmup",
                                    settings.parallelism(),
                                    settings.batch(),
                                    data.records(
                                            recordsFor(raw.textsPerSecond(), settings.jitWarmup())),
                                    Duration.ZERO,
                                    settings.jitWarmup())));

            console.println("3/7 pipeline at saturation, batch " + settings.batch());
            PipelineResult saturation =
                    report(
                            runner.run(
                                    saturated(
                                            "saturation",
                                            settings.parallelism(),
                                            settings.batch(),
                                            data.records(saturationRecords))));
            console.println("4/7 pipeline, per-record inference (batch 1)");
            PipelineResult perRecord =
                    report(
                            runner.run(
                                    saturated(
                                            "per-record",
                                            settings.parallelism(),
                                            1,
                                            data.records(saturationRecords))));

            List<PipelineResult> latency = new ArrayList<>();
            int step = 5;
            for (double load : settings.loads()) {
                double rate = load * saturation.throughputPerSecond();
                console.printf(
                        Locale.ROOT,
                        "%d/7 latency at %.0f%% load, %.1f texts/s offered%n",
                        step++,
                        load * 100,
                        rate);
                latency.add(report(runner.run(openLoop(load, rate, data))));
            }
            console.println("7/7 pipeline at saturation, parallelism 1");
            PipelineResult single =
                    report(
                            runner.run(
                                    saturated(
                                            "parallelism-1",
                                            1,
                                            settings.batch(),
                                            data.records(saturationRecords))));
            return Report.cpu(
                    new Results(
                            settings,
                            model,
                            data.describe(),
                            raw,
                            rawPerRecord,
                            saturation,
                            perRecord,
                            latency,
                            single,
                            ResidentMemory.peakBytes(),
                            (System.nanoTime() - started) / 1e9),
                    console);
        }
    }

    private RawThroughput.Result raw(BenchData data, int batch) throws InterruptedException {
        ClassifierOptions options =
                ClassifierOptions.defaults()
                        .withIntraOpThreads(settings.threads())
                        // as in the pipeline: micro-batches of `batch`, model runs of at most
                        // run-batch
                        .withMaxBatch(Math.min(batch, JobOptions.RUN_BATCH.defaultValue()));
        try (TextClassifier classifier = SharedClassifiers.acquire(settings.model(), options)) {
            return new RawThroughput(classifier, data.texts())
                    .measure(
                            batch,
                            settings.threads(),
                            settings.parallelism(),
                            settings.warmup(),
                            settings.raw());
        }
    }

    private PipelinePhase saturated(String name, int parallelism, int batch, List<byte[]> records) {
        return saturated(
                name, parallelism, batch, records, settings.warmup(), settings.saturation());
    }

    private PipelinePhase saturated(
            String name,
            int parallelism,
            int batch,
            List<byte[]> records,
            Duration warmup,
            Duration measured) {
        return new PipelinePhase(
                name,
                settings.model(),
                false,
                parallelism,
                batch,
                settings.maxWaitMs(),
                settings.threads(),
                records,
                0,
                warmup,
                measured);
    }

    private PipelinePhase openLoop(double load, double rate, BenchData data) {
        int count =
                (int)
                        Math.ceil(
                                rate
                                        * settings.warmup().plus(settings.latency()).toMillis()
                                        / 1000.0);
        return new PipelinePhase(
                Report.loadKey(load),
                settings.model(),
                false,
                settings.parallelism(),
                settings.batch(),
                settings.maxWaitMs(),
                settings.threads(),
                data.records(Math.max(1, count)),
                rate,
                settings.warmup(),
                settings.latency());
    }

    private PipelineResult report(PipelineResult result) {
        console.printf(
                Locale.ROOT,
                "    %.1f texts/s over %.1f s, %d outcomes%s%n",
                result.throughputPerSecond(),
                result.windowSeconds(),
                result.outcomes(),
                result.phase().saturation() ? "" : ", p99 " + result.latency().get("p99") + " ms");
        console.println("    CPU in cores: " + ThreadCpu.describe(result.cpu()));
        return result;
    }

    /**
     * Records for a saturation phase: what the model alone would score in the warm-up and the
     * measured time, and a little more. Not many more: the backlog must drain for the last
     * checkpoint to complete and the last outputs to become visible.
     */
    static int recordsFor(double textsPerSecond, Duration warmupAndMeasured) {
        double wanted =
                Math.max(1, textsPerSecond) * (warmupAndMeasured.toMillis() / 1000.0) * 1.2 + 100;
        return (int) Math.min(2_000_000, Math.ceil(wanted));
    }
}
