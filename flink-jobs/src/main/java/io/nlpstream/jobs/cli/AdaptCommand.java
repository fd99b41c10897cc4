package io.nlpstream.jobs.cli;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.adapt.AdaptRunner;
import io.nlpstream.serving.adapt.AdaptationGuard;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code adapt} subcommand: label-free adaptation of a bundle's head to a target domain's texts
 * (self-training), written as a new bundle.
 */
@Command(
        name = "adapt",
        mixinStandardHelpOptions = true,
        description = {
            "Adapts a model's head to unlabelled texts of a target domain (one per line) by"
                    + " self-training: the head labels its most confident share of the texts per"
                    + " class, a new head is trained on them, for a few rounds; then it is"
                    + " calibrated without labels, checked by a label-free guard and written as a"
                    + " new bundle. Exit status 3 when the guard fails (the bundle is still"
                    + " written, marked as failed)."
        })
public class AdaptCommand implements Callable<Integer> {
    /** Exit status when the adapted head fails the label-free guard. */
    static final int GUARD_FAILED = 3;

    @Spec CommandSpec spec;

    @Option(
            names = "--model",
            defaultValue = "sentiment",
            description = "Shipped bundle name or bundle directory. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(
            names = "--texts",
            required = true,
            description = "Unlabelled target texts, one per line (UTF-8).")
    Path texts;

    @Option(names = "--out", required = true, description = "Bundle directory to write.")
    Path out;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Self-training rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
            names = "--share",
            defaultValue = "0.2",
            description =
                    "Share of the texts labelled per class each round. Default: ${DEFAULT-VALUE}.")
    double share;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the sample when --max-texts applies. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--max-texts",
            defaultValue = "0",
            description = "Use at most this many texts, sampled (0 = all).")
    int maxTexts;

    @Option(
            names = "--min-agreement",
            defaultValue = "0.9",
            description =
                    "Guard: least rank correlation with the base head. Default: ${DEFAULT-VALUE}.")
    double minAgreement;

    @Option(
            names = "--max-share-shift",
            defaultValue = "0.2",
            description =
                    "Guard: largest change of a class's predicted share. Default: ${DEFAULT-VALUE}.")
    double maxShareShift;

    @Option(names = "--id", description = "Id of the new bundle. Default: the base model's.")
    String id;

    @Option(
            names = "--model-version",
            defaultValue = "adapted",
            description = "Version of the new bundle. Default: ${DEFAULT-VALUE}.")
    String version;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "ONNX Runtime intra-op threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    /** Runs this command alone, without the {@code nlp-stream} launcher. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AdaptCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> lines = Files.readAllLines(texts, StandardCharsets.UTF_8);
        PrintWriter log = spec.commandLine().getOut();
        AdaptRunner.Result result =
                AdaptRunner.adapt(
                        model,
                        lines,
                        new AdaptRunner.Settings(
                                rounds,
                                share,
                                seed,
                                maxTexts,
                                new AdaptationGuard(minAgreement, maxShareShift),
                                id,
                                version),
                        ClassifierOptions.defaults().withIntraOpThreads(threads),
                        out,
                        log);
        log.println("bundle written to " + out);
        log.flush();
        return result.verdict().passed() ? 0 : GUARD_FAILED;
    }
}
