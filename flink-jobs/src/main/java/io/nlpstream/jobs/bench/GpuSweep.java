package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.local.EmbeddedKafka;
import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.SharedClassifiers;
import io.nlpstream.serving.TextClassifier;
import io.nlpstream.serving.inference.Encoder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The GPU benchmark: proves that inference runs on CUDA, then measures raw and pipeline throughput
 * for an fp32 and an int8 encoder of the same architecture at each batch size.
 */
public final class GpuSweep {
    private static final List<Encoder> ENCODERS =
            List.of(Encoder.MINILM_L6_V2, Encoder.MINILM_L6_V2_Q);

    private final BenchSettings settings;
    private final PrintStream console;

    public GpuSweep(BenchSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /**
     * Runs the sweep and returns its report.
     *
     * @throws CudaUnavailableException when ONNX Runtime has no CUDA provider or fell back to CPU
     */
    public Map<String, Object> run() throws Exception {
        long started = System.nanoTime();
        JobConfiguration.trustSchemaPackage();
        CudaCheck.requireCudaBuild();
        BenchData data = BenchData.uciSentiment();
        Path bundles = Files.createTempDirectory("nlp-stream-bench-bundles-");
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> placement = new LinkedHashMap<>();
        List<String> cudaLibraries = List.of();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            PipelineRunner runner = new PipelineRunner(kafka, console);
            for (Encoder encoder : ENCODERS) {
                String model = EncoderVariants.modelFor(bundles, settings.model(), encoder);
                for (int batch : settings.gpuBatches()) {
                    RawThroughput.Result raw;
                    try (TextClassifier classifier =
                            SharedClassifiers.acquire(model, options(batch))) {
                        // First prove that model serving itself got CUDA, then probe placement.
                        cudaLibraries = CudaCheck.requireProviderLoaded();
                        if (!placement.containsKey(encoder.id())) {
                            placement.put(encoder.id(), CudaCheck.nodePlacement(encoder));
                            console.println(
                                    encoder.id()
                                            + " ("
                                            + encoder.precision()
                                            + "): "
                                            + placement.get(encoder.id()));
                        }
                        raw =
                                new RawThroughput(classifier, data.texts())
                                        .measure(
                                                batch,
                                                settings.threads(),
                                                settings.parallelism(),
                                                settings.warmup(),
                                                settings.gpuRaw());
                    }
                    String name = "gpu-" + encoder.precision() + "-b" + batch;
                    PipelinePhase phase =
                            new PipelinePhase(
                                    name,
                                    model,
                                    true,
                                    settings.parallelism(),
                                    batch,
                                    settings.maxWaitMs(),
                                    settings.threads(),
                                    data.records(
                                            Benchmark.recordsFor(
                                                    raw.textsPerSecond(),
                                                    settings.warmup()
                                                            .plus(settings.gpuPipeline()))),
                                    0,
                                    settings.warmup(),
                                    settings.gpuPipeline(),
                                    settings.latencyTargetMs());
                    PipelineResult pipeline = runner.run(phase);
                    rows.add(row(encoder, raw, pipeline));
                    console.printf(
                            Locale.ROOT,
                            "  %s batch %d: raw %.1f/s, pipeline %.1f/s%n",
                            encoder.precision(),
                            batch,
                            raw.textsPerSecond(),
                            pipeline.throughputPerSecond());
                }
            }
        } finally {
            deleteQuietly(bundles);
        }
        Map<String, Object> json =
                Report.header(
                        settings,
                        "cuda",
                        ModelInfo.of(settings.model()),
                        (System.nanoTime() - started) / 1e9);
        json.put("cuda_libraries_loaded", cudaLibraries);
        json.put("node_placement", placement);
        json.put("gpu_rows", rows);
        json.put("peak_rss_mib", ResidentMemory.peakBytes() / (1024 * 1024));
        Report.printGpu(rows, console);
        return json;
    }

    private ClassifierOptions options(int batch) {
        return ClassifierOptions.defaults()
                .withIntraOpThreads(settings.threads())
                .withMaxBatch(batch)
                .withCuda(true);
    }

    private static Map<String, Object> row(
            Encoder encoder, RawThroughput.Result raw, PipelineResult pipeline) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("precision", encoder.precision());
        row.put("encoder", encoder.id());
        row.put(
                "model",
                pipeline.phase().model().contains("/") ? "variant" : pipeline.phase().model());
        row.put("batch", raw.batch());
        row.put("raw_tps", Report.round(raw.textsPerSecond(), 1));
        row.put("pipeline_tps", Report.round(pipeline.throughputPerSecond(), 1));
        row.put(
                "pipeline_vs_raw",
                Report.round(
                        raw.textsPerSecond() <= 0
                                ? 0
                                : pipeline.throughputPerSecond() / raw.textsPerSecond(),
                        3));
        row.put(
                "mean_batch",
                pipeline.meanBatch() == null ? null : Report.round(pipeline.meanBatch(), 1));
        return row;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // A leftover temporary directory is harmless.
        }
    }
}
