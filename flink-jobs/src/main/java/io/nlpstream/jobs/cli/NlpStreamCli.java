package io.nlpstream.jobs.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
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

    /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    public static void main(String[] args) {
        // Tribuo reports every training epoch through java.util.logging on stderr.
        TRIBUO_LOG.setLevel(Level.WARNING);
        System.exit(new CommandLine(new NlpStreamCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
