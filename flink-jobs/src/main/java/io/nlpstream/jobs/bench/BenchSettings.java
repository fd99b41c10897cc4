package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.JobOptions;
import java.time.Duration;
import java.util.List;

/**
 * What one benchmark run measures and for how long.
 *
 * @param quick the short run (under 7 minutes on 2 cores) instead of the full one
 * @param model model bundle name or directory
 * @param batch micro-batch size of the pipeline and of the raw measurement
 * @param maxWaitMs longest wait of a text for its micro-batch
 * @param parallelism parallelism of the main pipeline phases
 * @param threads ONNX Runtime intra-op threads per subtask, so that parallelism x threads = cores
 * @param warmup time at the start of each phase that is not measured
 * @param jitWarmup a first pipeline phase that is not measured at all, so that the JIT compiler has
 *     compiled the pipeline's code before the measured phases (it otherwise takes a sixth of the
 *     cores in the first minutes)
 * @param raw measured time of each raw model measurement
 * @param saturation measured time of each pipeline phase at saturation
 * @param latency measured time of each open-loop latency phase
 * @param loads offered rates of the latency phases, as shares of the saturation rate
 * @param longTextChars the long-text mix's e-mails are cut to this many characters
 * @param longRaw measured time of each raw model measurement of the long-text mix
 * @param longSaturation measured time of the long-text mix's saturation phase
 * @param longLatency measured time of each latency phase of the long-text mix
 * @param latencyTargetMs the job's {@code latency.target-p99-ms} in every phase, null for the job's
 *     default
 * @param gpuBatches batch sizes of the GPU sweep
 * @param gpuRaw measured time of each raw model measurement of the GPU sweep
 * @param gpuPipeline measured time of each pipeline phase of the GPU sweep
 */
public record BenchSettings(
        boolean quick,
        String model,
        int batch,
        long maxWaitMs,
        int parallelism,
        int threads,
        Duration warmup,
        Duration jitWarmup,
        Duration raw,
        Duration saturation,
        Duration latency,
        List<Double> loads,
        int longTextChars,
        Duration longRaw,
        Duration longSaturation,
        Duration longLatency,
        Integer latencyTargetMs,
        List<Integer> gpuBatches,
        Duration gpuRaw,
        Duration gpuPipeline) {

    public static final String DEFAULT_MODEL = "sentiment";
    public static final int DEFAULT_BATCH = 32;
    public static final int DEFAULT_PARALLELISM = 2;
    public static final int LONG_TEXT_CHARS = 1_000;

    public BenchSettings {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, was " + batch);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException(
                    "parallelism must be at least 1, was " + parallelism);
        }
        if (maxWaitMs < 0) {
            throw new IllegalArgumentException("maxWaitMs must not be negative, was " + maxWaitMs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (latencyTargetMs != null && latencyTargetMs < 0) {
            throw new IllegalArgumentException(
                    "latencyTargetMs must not be negative, was " + latencyTargetMs);
        }
        if (longTextChars < 1) {
            throw new IllegalArgumentException(
                    "longTextChars must be at least 1, was " + longTextChars);
        }
        for (double load : loads) {
            if (load <= 0 || load >= 1) {
                throw new IllegalArgumentException("a load must lie in (0, 1), was " + load);
            }
        }
        loads = List.copyOf(loads);
        gpuBatches = List.copyOf(gpuBatches);
    }

    /**
     * The full run: 60 s per pipeline and latency phase on short sentences, 30 s per phase on long
     * texts.
     */
    public static BenchSettings full(String model, int batch, int parallelism, int cores) {
        return new BenchSettings(
                false,
                model,
                batch,
                JobOptions.BATCH_MAX_WAIT_MS.defaultValue(),
                parallelism,
                threadsPerSubtask(cores, parallelism),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                List.of(0.5, 0.8, 0.95),
                LONG_TEXT_CHARS,
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                null,
                List.of(32, 64, 128, 256),
                Duration.ofSeconds(10),
                Duration.ofSeconds(20));
    }

    /** The short run that checks the harness end to end. */
    public static BenchSettings quick(String model, int batch, int parallelism, int cores) {
        return new BenchSettings(
                true,
                model,
                batch,
                JobOptions.BATCH_MAX_WAIT_MS.defaultValue(),
                parallelism,
                threadsPerSubtask(cores, parallelism),
                Duration.ofSeconds(3),
                Duration.ofSeconds(30),
                Duration.ofSeconds(8),
                Duration.ofSeconds(15),
                Duration.ofSeconds(20),
                List.of(0.5, 0.8, 0.95),
                LONG_TEXT_CHARS,
                Duration.ofSeconds(5),
                Duration.ofSeconds(8),
                Duration.ofSeconds(10),
                null,
                List.of(32, 128, 256),
                Duration.ofSeconds(4),
                Duration.ofSeconds(8));
    }

    /** The same run with another longest wait of a text for its micro-batch. */
    public BenchSettings withMaxWaitMs(long millis) {
        return new BenchSettings(
                quick,
                model,
                batch,
                millis,
                parallelism,
                threads,
                warmup,
                jitWarmup,
                raw,
                saturation,
                latency,
                loads,
                longTextChars,
                longRaw,
                longSaturation,
                longLatency,
                latencyTargetMs,
                gpuBatches,
                gpuRaw,
                gpuPipeline);
    }

    /** The same run with the job's batching latency target set in every phase. */
    public BenchSettings withLatencyTargetMs(int millis) {
        return new BenchSettings(
                quick,
                model,
                batch,
                maxWaitMs,
                parallelism,
                threads,
                warmup,
                jitWarmup,
                raw,
                saturation,
                latency,
                loads,
                longTextChars,
                longRaw,
                longSaturation,
                longLatency,
                millis,
                gpuBatches,
                gpuRaw,
                gpuPipeline);
    }

    /** Intra-op threads per subtask that do not oversubscribe the cores: cores / parallelism. */
    public static int threadsPerSubtask(int cores, int parallelism) {
        return Math.max(1, cores / Math.max(1, parallelism));
    }

    public String mode() {
        return quick ? "quick" : "full";
    }
}
