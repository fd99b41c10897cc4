package io.nlpstream.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nlp-stream} command line: one entry point, one subcommand per task. */
@Command(
        name = "nlp-stream",
        mixinStandardHelpOptions = true,
        version = "nlp-stream 0.1.0",
        description = "Streaming real-time NLP on Kafka, Flink and ONNX Runtime.",
        subcommands = {
            RunCommand.class,
            ScoreCommand.class,
            TrainCommand.class,
            AdaptCommand.class,
            ModelBenchCommand.class,
            DriftDemoCommand.class,
            BenchCommand.class,
            SpikesCommand.class,
            ModelCommand.class,
            JobCommand.class,
            ClusterCommand.class
        })
public final class NlpStreamCli implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NlpStreamCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
