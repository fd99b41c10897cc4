package io.nlpstream.jobs.cli;

import io.nlpstream.jobs.bench.BenchSettings;
import io.nlpstream.jobs.bench.Benchmark;
import io.nlpstream.jobs.bench.CudaUnavailableException;
import io.nlpstream.jobs.bench.GpuSweep;
import io.nlpstream.jobs.bench.Report;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nlp-stream bench}: the performance harness, one process run, table plus bench.json. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures, in one process on two mixes of real text (short UCI review sentences, and"
                    + " SpamAssassin e-mails cut to 1,000 characters), in texts/s and tokens/s: raw"
                    + " model throughput at batch 32 and 1, the full pipeline at saturation"
                    + " (embedded Kafka -> Flink -> model -> exactly-once sinks), per-record"
                    + " inference, p50/p95/p99 latency per stage at 50%%, 80%% and 95%% of saturation"
                    + " with an open-loop producer, padding waste, parallelism 1 vs 2 and peak"
                    + " resident memory. Prints a table and writes bench.json. The full run takes"
                    + " about 15 minutes, --quick about 7 on 2 cores. Run it on a quiet machine.",
            "With --gpu: checks that ONNX Runtime really uses CUDA (fails with exit code 2 if not)"
                    + " and measures raw and pipeline throughput at batch 32-256 in fp32 and int8;"
                    + " needs a build with -Pgpu (bin/gpu-bench does it)."
        })
public final class BenchCommand implements Callable<Integer> {
    /** Exit code when --gpu was asked for and inference did not run on CUDA. */
    public static final int NO_CUDA = 2;

    @Spec CommandSpec spec;

    @Option(
            names = "--quick",
            description = "Short phases (about 7 minutes on 2 cores) to check the harness.")
    boolean quick;

    @Option(
            names = "--out",
            defaultValue = "out/bench",
            description = "Where bench.json goes (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--gpu",
            description = "The GPU sweep instead of the CPU benchmark (build with -Pgpu).")
    boolean gpu;

    @Option(
            names = "--model",
            defaultValue = BenchSettings.DEFAULT_MODEL,
            description = "Model bundle name or directory (default ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--batch",
            defaultValue = "32",
            description =
                    "Micro-batch size of the pipeline and the raw model (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--max-wait-ms",
            description =
                    "Longest wait of a text for its micro-batch (default: the job's batch.max-wait-ms).")
    Long maxWaitMs;

    @Option(
            names = "--latency-target-ms",
            description =
                    "The job's latency.target-p99-ms in every phase (0 = fixed batching; default:"
                            + " the job's own default).")
    Integer latencyTargetMs;

    /**
     * The launcher command that reruns this benchmark. Picocli hands a subcommand the whole command
     * line, its own name included; only what follows the name is the benchmark's.
     */
    public static String rerunCommand(List<String> originalArgs, String name) {
        int at = originalArgs.indexOf(name);
        List<String> own =
                at < 0 ? originalArgs : originalArgs.subList(at + 1, originalArgs.size());
        return String.join(
                " ", Stream.concat(Stream.of("bin/nlp-stream", name), own.stream()).toList());
    }

    /** Runs this command alone, without the {@code nlp-stream} launcher. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        BenchSettings settings =
                quick
                        ? BenchSettings.quick(
                                model, batch, BenchSettings.DEFAULT_PARALLELISM, cores)
                        : BenchSettings.full(
                                model, batch, BenchSettings.DEFAULT_PARALLELISM, cores);
        if (maxWaitMs != null) {
            settings = settings.withMaxWaitMs(maxWaitMs);
        }
        if (latencyTargetMs != null) {
            settings = settings.withLatencyTargetMs(latencyTargetMs);
        }
        Map<String, Object> report;
        try {
            report =
                    gpu
                            ? new GpuSweep(settings, System.out).run()
                            : new Benchmark(settings, System.out).run();
        } catch (CudaUnavailableException e) {
            System.err.println();
            System.err.println("FAILED: " + e.getMessage());
            System.err.println("No GPU figures were taken; nothing was written.");
            return NO_CUDA;
        }
        report.put(
                "command",
                rerunCommand(spec.commandLine().getParseResult().originalArgs(), spec.name()));
        Path file = out.resolve("bench.json");
        Report.write(file, report);
        System.out.println("Wrote " + file);
        return 0;
    }
}
