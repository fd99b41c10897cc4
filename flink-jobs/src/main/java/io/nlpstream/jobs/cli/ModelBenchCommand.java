package io.nlpstream.jobs.cli;

import io.nlpstream.serving.bench.ModelBenchmark;
import io.nlpstream.serving.inference.EncoderSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code bench-model} subcommand: prints encoder throughput per batch size and precision. */
@Command(
        name = "bench-model",
        mixinStandardHelpOptions = true,
        description = {
            "Measures texts/s, tokens/s, ms/batch and tokenization share on real UCI sentences for"
                    + " each encoder (fp32 and int8) or composite, and batch size. Prints a table; takes a few minutes."
        })
public class ModelBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--encoders",
            split = ",",
            description =
                    "Encoders to measure; a+b measures a composite (both encoders on every text)."
                            + " Default: each encoder alone (all-minilm-l6-v2, all-minilm-l6-v2-q,"
                            + " bge-small-en-v1.5-q, e5-small-v2-q).")
    List<String> encoders;

    @Option(
            names = "--batches",
            defaultValue = "1,8,32,64",
            description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    String batches;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "ONNX Runtime intra-op threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(
            names = "--texts",
            defaultValue = "768",
            description = "Texts per measurement. Default: ${DEFAULT-VALUE}.")
    int texts;

    @Option(
            names = "--max-seconds",
            defaultValue = "10",
            description = "Time cap per measurement. Default: ${DEFAULT-VALUE}.")
    double maxSeconds;

    @Option(
            names = "--repeats",
            defaultValue = "3",
            description = "Rounds per batch size; the best is printed. Default: ${DEFAULT-VALUE}.")
    int repeats;

    /** Runs this command alone, without the {@code nlp-stream} launcher. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ModelBenchCommand()).execute(args));
    }

    @Override
    public Integer call() {
        List<EncoderSpec> chosen =
                encoders == null
                        ? ModelBenchmark.Config.defaults().encoders()
                        : encoders.stream().map(EncoderSpec::parse).toList();
        ModelBenchmark.run(
                new ModelBenchmark.Config(
                        chosen,
                        ModelBenchmark.parseBatches(batches),
                        threads,
                        texts,
                        maxSeconds,
                        repeats),
                spec.commandLine().getOut());
        return 0;
    }
}
