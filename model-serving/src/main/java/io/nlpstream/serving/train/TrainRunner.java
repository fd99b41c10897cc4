package io.nlpstream.serving.train;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.bundle.BundleIo;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.EncoderSessions;
import io.nlpstream.serving.inference.TextEmbedder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Embeds labelled data, trains and calibrates a head, writes the bundle and prints its metrics. */
public final class TrainRunner {
    private TrainRunner() {}

    /** Runs the whole training and returns the manifest written to {@code out}. */
    public static BundleManifest train(
            List<LabelledText> data,
            TrainConfig config,
            ClassifierOptions options,
            Path out,
            PrintWriter log) {
        long start = System.nanoTime();
        HeadTraining.Result result;
        EmbeddedCorpus corpus;
        try (EncoderSessions sessions = EncoderSessions.load(config.encoder(), options)) {
            TextEmbedder embedder =
                    sessions.embedder(
                            config.maxTokens(),
                            config.overlap(),
                            options.maxBatch(),
                            options.maxChunks());
            log.printf("embedding %d texts with %s%n", data.size(), config.encoder().id());
            log.flush();
            corpus = EmbeddedCorpus.embed(data, embedder, log);
        }
        result = new HeadTraining(config).run(corpus);
        Map<String, String> training = new LinkedHashMap<>();
        training.put("data", config.dataDescription());
        training.put("examples", String.valueOf(corpus.size()));
        training.put("skipped_unscorable", String.valueOf(corpus.skipped()));
        training.put(
                "trainer",
                "multinomial logistic regression on standardised inputs, L2 penalty, Newton's"
                        + " method to the optimum (seed-free)");
        training.put("l2", String.valueOf(result.l2()));
        if (!result.l2Grid().isEmpty()) {
            training.put("l2_chosen_by", "mean leave-one-source-out AUC");
            training.put("l2_grid", describeGrid(result.l2Grid()));
        }
        training.put("seed", String.valueOf(config.seed()));
        training.put(
                "split",
                String.format(
                        Locale.ROOT,
                        "stratified: %.0f%% test, %.0f%% calibration, rest train",
                        100 * config.testFraction(),
                        100 * config.calibrationFraction()));
        training.put("aggregation", "mean of calibrated window log-probabilities, renormalised");
        BundleManifest manifest =
                new BundleManifest(
                        BundleManifest.FORMAT,
                        config.id(),
                        config.version(),
                        config.encoder().id(),
                        config.encoder().pooling(),
                        config.maxTokens(),
                        config.overlap(),
                        corpus.labels(),
                        new BundleManifest.Calibration("temperature", result.temperature()),
                        training,
                        result.metrics(),
                        BundleManifest.EncoderPart.of(config.encoder()));
        BundleIo.write(out, manifest, result.head());
        log.print(report(manifest, (System.nanoTime() - start) / 1e9));
        log.flush();
        return manifest;
    }

    /** Each candidate penalty with its mean cross-domain AUC: {@code "0.001=0.9712 0.01=..."}. */
    static String describeGrid(Map<Double, Double> grid) {
        StringBuilder out = new StringBuilder();
        grid.forEach(
                (l2, auc) ->
                        out.append(out.length() == 0 ? "" : " ")
                                .append(l2)
                                .append('=')
                                .append(String.format(Locale.ROOT, "%.4f", auc)));
        return out.toString();
    }

    /** The held-out metrics table. */
    public static String report(BundleManifest manifest, double seconds) {
        StringBuilder table = new StringBuilder();
        table.append(
                String.format(
                        Locale.ROOT,
                        "%n%-34s %s%n",
                        "model",
                        manifest.id() + " (" + manifest.encoder() + ")"));
        table.append(
                String.format(
                        Locale.ROOT, "%-34s %s%n", "labels", String.join(", ", manifest.labels())));
        table.append(
                String.format(
                        Locale.ROOT,
                        "%-34s %.4f%n",
                        "temperature",
                        manifest.calibration().temperature()));
        for (String key : List.of("l2", "l2_grid")) {
            String value = manifest.training().get(key);
            if (value != null) {
                table.append(String.format(Locale.ROOT, "%-34s %s%n", key, value));
            }
        }
        manifest.metrics()
                .forEach((k, v) -> table.append(String.format(Locale.ROOT, "%-34s %.4f%n", k, v)));
        table.append(String.format(Locale.ROOT, "%-34s %.1f%n", "seconds", seconds));
        return table.toString();
    }
}
