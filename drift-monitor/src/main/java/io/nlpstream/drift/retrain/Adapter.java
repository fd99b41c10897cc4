package io.nlpstream.drift.retrain;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.adapt.AdaptRunner;
import io.nlpstream.serving.adapt.AdaptationGuard;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Adapts the live model's head to its recent unlabelled texts by self-training (model-serving's
 * {@link AdaptRunner}) and writes it as a new bundle version next to the others, with its
 * provenance (base version, texts, rounds, share, seed, the guard's verdict on the texts).
 */
public final class Adapter {
    private final RetrainConfig config;
    private final AdaptConfig adapt;

    public Adapter(RetrainConfig config, AdaptConfig adapt) {
        this.config = config;
        this.adapt = adapt;
    }

    /**
     * What an adaptation produced.
     *
     * @param bundleDir the new bundle's directory
     * @param manifest its manifest
     * @param verdict the label-free guard's verdict on the adapted texts
     */
    public record Result(
            String bundleDir, BundleManifest manifest, AdaptationGuard.Verdict verdict) {}

    /**
     * @param liveModel reference of the model serving now (its encoder and id are kept)
     * @param texts the recent unlabelled texts, oldest first
     * @param version version of the new bundle
     */
    public Result adapt(String liveModel, List<String> texts, String version) {
        String id = Bundles.load(liveModel).manifest().id();
        Path out = Path.of(config.bundleDir(), id + "-" + version);
        AdaptRunner.Result result =
                AdaptRunner.adapt(
                        liveModel,
                        texts,
                        new AdaptRunner.Settings(
                                adapt.rounds(),
                                adapt.share(),
                                adapt.seed(),
                                0,
                                adapt.guard(),
                                null,
                                version),
                        ClassifierOptions.defaults().withIntraOpThreads(config.threads()),
                        out,
                        new PrintWriter(new StringWriter()));
        return new Result(out.toAbsolutePath().toString(), result.manifest(), result.verdict());
    }
}
