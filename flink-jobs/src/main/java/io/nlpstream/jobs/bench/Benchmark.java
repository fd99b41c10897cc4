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
 * Runs the CPU benchmark in this process on two text mixes (short sentences, long e-mails): raw
 * model, full pipeline at saturation, per-record inference, open-loop latency at shares of the
 * saturation rate, parallelism 1 against 2, peak memory.
 */
public final class Benchmark {
    /** The prefix of the long-text mix's phase names. */
    static final String LONG_PREFIX = "long-";

    /**
     * What one text mix measured.
     *
     * @param perRecord the pipeline with per-record inference, null where the mix did not run it
     */
    record MixResults(
            String name,
            Map<String, Object> dataset,
            TokenCounts tokens,
            RawMeasurement raw,
            RawMeasurement rawPerRecord,
            PipelineResult saturation,
            PipelineResult perRecord,
            List<PipelineResult> latency) {}

    /** Everything one CPU run measured. */
    record Results(
            BenchSettings settings,
            ModelInfo model,
            MixResults shortTexts,
            MixResults longTexts,
            PipelineResult parallelismOne,
            long peakRssBytes,
            double elapsedSeconds) {}

    private final BenchSettings settings;
    private final PrintStream console;
    private int step;
    private int steps;

    public Benchmark(BenchSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /** Runs every phase and returns the report that is also printed as a table. */
    public Map<String, Object> run() throws Exception {
        long started = System.nanoTime();
        JobConfiguration.trustSchemaPackage();
        BenchData shortData = BenchData.uciSentiment();
        BenchData longData = BenchData.spamAssassinEmails(settings.longTextChars());
        TokenCounts shortTokens = TokenCounts.of(settings.model(), shortData.texts());
        TokenCounts longTokens = TokenCounts.of(settings.model(), longData.texts());
        ModelInfo model = ModelInfo.of(settings.model());
        int loads = settings.loads().size();
        steps = 4 + 3 + loads + 1 + loads;
        console.printf(
                Locale.ROOT,
                "nlp-stream bench (%s): %s, batch %d, parallelism %d x %d intra-op thread(s)%n",
                settings.mode(),
                model,
                settings.batch(),
                settings.parallelism(),
                settings.threads());
        console.printf(
                Locale.ROOT,
                "    short mix: %d texts, %.1f tokens each on average; long mix: %d texts, %.1f"
                        + " tokens%n",
                shortData.texts().size(),
                shortTokens.meanTokens(),
                longData.texts().size(),
                longTokens.meanTokens());

        RawMeasurement raw = raw("short", shortData, shortTokens, settings.batch(), settings.raw());
        RawMeasurement rawPerRecord = raw("short", shortData, shortTokens, 1, settings.raw());
        RawMeasurement longRaw =
                raw("long", longData, longTokens, settings.batch(), settings.longRaw());
        RawMeasurement longRawPerRecord = raw("long", longData, longTokens, 1, settings.longRaw());

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
                                    shortData.records(
                                            recordsFor(raw.textsPerSecond(), settings.jitWarmup())),
                                    Duration.ZERO,
                                    settings.jitWarmup())),
                    shortTokens);

            step("pipeline at saturation, batch " + settings.batch());
            PipelineResult saturation =
                    report(
                            runner.run(
                                    saturated(
                                            "saturation",
                                            settings.parallelism(),
                                            settings.batch(),
                                            shortData.records(saturationRecords))),
                            shortTokens);
            step("pipeline, per-record inference (batch 1)");
            PipelineResult perRecord =
                    report(
                            runner.run(
                                    saturated(
                                            "per-record",
                                            settings.parallelism(),
                                            1,
                                            shortData.records(saturationRecords))),
                            shortTokens);
            List<PipelineResult> latency =
                    latency(runner, "", shortData, shortTokens, saturation, settings.latency());
            step("pipeline at saturation, parallelism 1");
            PipelineResult single =
                    report(
                            runner.run(
                                    saturated(
                                            "parallelism-1",
                                            1,
                                            settings.batch(),
                                            shortData.records(saturationRecords))),
                            shortTokens);

            step("long texts: pipeline at saturation, batch " + settings.batch());
            int longRecords =
                    recordsFor(
                            Math.max(longRaw.textsPerSecond(), longRawPerRecord.textsPerSecond()),
                            settings.warmup().plus(settings.longSaturation()));
            PipelineResult longSaturation =
                    report(
                            runner.run(
                                    saturated(
                                            LONG_PREFIX + "saturation",
                                            settings.parallelism(),
                                            settings.batch(),
                                            longData.records(longRecords),
                                            settings.warmup(),
                                            settings.longSaturation())),
                            longTokens);
            List<PipelineResult> longLatency =
                    latency(
                            runner,
                            LONG_PREFIX,
                            longData,
                            longTokens,
                            longSaturation,
                            settings.longLatency());
            return Report.cpu(
                    new Results(
                            settings,
                            model,
                            new MixResults(
                                    "short",
                                    shortData.describe(),
                                    shortTokens,
                                    raw,
                                    rawPerRecord,
                                    saturation,
                                    perRecord,
                                    latency),
                            new MixResults(
                                    "long",
                                    longData.describe(),
                                    longTokens,
                                    longRaw,
                                    longRawPerRecord,
                                    longSaturation,
                                    null,
                                    longLatency),
                            single,
                            ResidentMemory.peakBytes(),
                            (System.nanoTime() - started) / 1e9),
                    console);
        }
    }

    private void step(String what) {
        console.printf(Locale.ROOT, "%d/%d %s%n", ++step, steps, what);
    }

    private List<PipelineResult> latency(
            PipelineRunner runner,
            String prefix,
            BenchData data,
            TokenCounts tokens,
            PipelineResult saturation,
            Duration measured)
            throws Exception {
        List<PipelineResult> out = new ArrayList<>();
        for (double load : settings.loads()) {
            double rate = load * saturation.throughputPerSecond();
            step(
                    String.format(
                            Locale.ROOT,
                            "%slatency at %.0f%% load, %.1f texts/s offered",
                            prefix.isEmpty() ? "" : "long texts: ",
                            load * 100,
                            rate));
            out.add(report(runner.run(openLoop(prefix, load, rate, data, measured)), tokens));
        }
        return out;
    }

    private RawMeasurement raw(
            String mix, BenchData data, TokenCounts tokens, int batch, Duration measured)
            throws InterruptedException {
        step(mix + " texts: raw model, batch " + batch);
        // as in the pipeline: micro-batches of `batch`, model runs of at most run-batch windows
        int runBatch =
                Math.min(
                        batch,
                        JobOptions.runBatch(JobOptions.RUN_BATCH.defaultValue(), false, batch));
        ClassifierOptions options =
                ClassifierOptions.defaults()
                        .withIntraOpThreads(settings.threads())
                        .withMaxBatch(runBatch);
        RawThroughput.Result texts;
        try (TextClassifier classifier = SharedClassifiers.acquire(settings.model(), options)) {
            texts =
                    new RawThroughput(classifier, data.texts())
                            .measure(
                                    batch,
                                    settings.threads(),
                                    settings.parallelism(),
                                    settings.warmup(),
                                    measured);
        }
        RawMeasurement result =
                new RawMeasurement(texts, tokens.paddingOfCalls(texts.texts(), batch, runBatch));
        console.printf(
                Locale.ROOT,
                "    %.1f texts/s, %.0f tokens/s, padding waste %.2f%n",
                result.textsPerSecond(),
                result.tokensPerSecond(),
                result.tokens().waste());
        return result;
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
                measured,
                settings.latencyTargetMs());
    }

    private PipelinePhase openLoop(
            String prefix, double load, double rate, BenchData data, Duration measured) {
        int count = (int) Math.ceil(rate * settings.warmup().plus(measured).toMillis() / 1000.0);
        return new PipelinePhase(
                prefix + Report.loadKey(load),
                settings.model(),
                false,
                settings.parallelism(),
                settings.batch(),
                settings.maxWaitMs(),
                settings.threads(),
                data.records(Math.max(1, count)),
                rate,
                settings.warmup(),
                measured,
                settings.latencyTargetMs());
    }

    private PipelineResult report(PipelineResult result, TokenCounts tokens) {
        console.printf(
                Locale.ROOT,
                "    %.1f texts/s (%.0f tokens/s) over %.1f s, %d outcomes%s%n",
                result.throughputPerSecond(),
                result.tokensPerSecond(tokens),
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
