package io.nlpstream.jobs.cli;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.SharedClassifiers;
import io.nlpstream.serving.TextClassifier;
import io.nlpstream.serving.score.JsonLinesScorer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code score} subcommand: one JSON result per input line, in order, errors in place. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores one text per line of stdin (or JSON lines with a 'text' field) and writes one"
                    + " JSON object per line: label, confidence, scores, chunks; or {\"error\": reason}."
        })
public class ScoreCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--model",
            defaultValue = "sentiment",
            description =
                    "Shipped bundle name (sentiment, email-triage) or bundle directory. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(
            names = "--batch",
            defaultValue = "32",
            description = "Texts per model batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
            names = "--jsonl",
            description = "Input lines are JSON objects with a 'text' field (and optional 'id').")
    boolean jsonl;

    @Option(
            names = "--input",
            defaultValue = "-",
            description = "Input file; '-' reads stdin. Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "ONNX Runtime intra-op threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(
            names = "--cuda",
            description = "Use the CUDA execution provider when available (needs -Pgpu).")
    boolean cuda;

    /** Runs this command alone, without the {@code nlp-stream} launcher. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ScoreCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ClassifierOptions options =
                ClassifierOptions.defaults()
                        .withIntraOpThreads(threads)
                        .withMaxBatch(Math.max(batch, 1))
                        .withCuda(cuda);
        try (TextClassifier classifier = SharedClassifiers.acquire(model, options)) {
            JsonLinesScorer scorer = new JsonLinesScorer(classifier, batch, jsonl);
            if (input.equals("-")) {
                // stdin is not ours to close
                scorer.score(
                        new BufferedReader(
                                new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            } else {
                try (BufferedReader in =
                        Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
                    scorer.score(in, spec.commandLine().getOut(), spec.commandLine().getErr());
                }
            }
        }
        return 0;
    }
}
