package io.nlpstream.jobs.cli;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.EncoderSpec;
import io.nlpstream.serving.train.TrainConfig;
import io.nlpstream.serving.train.TrainRunner;
import io.nlpstream.serving.train.TrainingData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code train} subcommand: trains, calibrates and writes a model bundle, then prints its
 * metrics.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds labelled text with a sentence encoder, trains an L2-regularised logistic-regression"
                    + " head (penalty chosen by cross-domain AUC), calibrates it on a held-out split"
                    + " and writes a model bundle."
        })
public class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--data",
            required = true,
            description =
                    "uci[:amazon,yelp,imdb], spamassassin[:group,...], or a .jsonl/.csv/.tsv file.")
    String data;

    @Option(
            names = "--text-col",
            defaultValue = "text",
            description = "Text column of a file. Default: ${DEFAULT-VALUE}.")
    String textColumn;

    @Option(
            names = "--label-col",
            defaultValue = "label",
            description = "Label column of a file. Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--source-col", description = "Source column of a file, for cross-domain AUC.")
    String sourceColumn;

    @Option(names = "--out", required = true, description = "Bundle directory to write.")
    Path out;

    @Option(names = "--id", description = "Bundle id. Default: the name of the --out directory.")
    String id;

    @Option(
            names = "--model-version",
            defaultValue = "1",
            description = "Bundle version. Default: ${DEFAULT-VALUE}.")
    String version;

    @Option(
            names = "--encoder",
            defaultValue = "bge-small-en-v1.5-q",
            description =
                    "all-minilm-l6-v2, all-minilm-l6-v2-q, bge-small-en-v1.5-q or e5-small-v2-q; two"
                            + " joined by + (bge-small-en-v1.5-q+e5-small-v2-q) train the head on"
                            + " their concatenated vectors. Default: ${DEFAULT-VALUE}.")
    String encoder;

    @Option(
            names = "--max-tokens",
            description = "Window size in tokens. Default: 256 (or the encoder's limit).")
    Integer maxTokens;

    @Option(
            names = "--overlap",
            defaultValue = "32",
            description = "Window overlap for long texts. Default: ${DEFAULT-VALUE}.")
    int overlap;

    @Option(
            names = "--max-chars",
            defaultValue = "0",
            description = "Train on the first N characters of each text (0 = all).")
    int maxChars;

    @Option(
            names = "--l2",
            description =
                    "Fixed L2 penalty of the head (standardised inputs). Default: chosen from --l2-grid"
                            + " by the mean leave-one-source-out AUC, or "
                            + TrainConfig.DEFAULT_L2
                            + " when the data has one source.")
    Double l2;

    @Option(
            names = "--l2-grid",
            split = ",",
            description = "Candidate L2 penalties. Default: 0.001,0.003,...,30,100.")
    List<Double> l2Grid;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the splits (the solver has none). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--no-cross-domain", description = "Skip the leave-one-source-out AUC.")
    boolean noCrossDomain;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "ONNX Runtime intra-op threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    /** Runs this command alone, without the {@code nlp-stream} launcher. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }

    @Override
    public Integer call() {
        EncoderSpec chosen = EncoderSpec.parse(encoder);
        TrainConfig defaults =
                TrainConfig.defaults(
                        id != null ? id : out.getFileName().toString(), chosen, describe());
        TrainConfig config =
                new TrainConfig(
                        defaults.id(),
                        version,
                        chosen,
                        maxTokens != null ? maxTokens : defaults.maxTokens(),
                        overlap,
                        l2 != null ? l2 : defaults.l2(),
                        l2 != null ? List.of() : l2Grid != null ? l2Grid : defaults.l2Grid(),
                        defaults.calibrationFraction(),
                        defaults.testFraction(),
                        seed,
                        !noCrossDomain,
                        describe());
        List<LabelledText> texts =
                TrainingData.load(data, textColumn, labelColumn, sourceColumn, maxChars);
        PrintWriter log = spec.commandLine().getOut();
        TrainRunner.train(
                texts, config, ClassifierOptions.defaults().withIntraOpThreads(threads), out, log);
        log.println("bundle written to " + out);
        return 0;
    }

    private String describe() {
        return data + (maxChars > 0 ? " (first " + maxChars + " characters of each text)" : "");
    }
}
