package io.nlpstream.drift.retrain;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.EncoderSpec;
import io.nlpstream.serving.train.TrainConfig;
import io.nlpstream.serving.train.TrainRunner;
import io.nlpstream.serving.train.TrainingData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Trains a new head for the live model's encoder on recent labelled records plus a sample of the
 * reference data, and writes it as a new bundle version next to the others.
 */
public final class Retrainer {
    private final RetrainConfig config;

    public Retrainer(RetrainConfig config) {
        this.config = config;
    }

    /**
     * What a retraining produced: the bundle's directory and its manifest with held-out metrics.
     */
    public record Result(String bundleDir, BundleManifest manifest, String log) {}

    /**
     * @param liveModel reference of the model serving now (its encoder and id are kept)
     * @param recent the latest labelled records, oldest first
     * @param version version of the new bundle
     */
    public Result retrain(String liveModel, List<LabelledText> recent, String version) {
        ModelBundle live = Bundles.load(liveModel);
        BundleManifest base = live.manifest();
        List<LabelledText> data = new ArrayList<>(recent);
        data.addAll(referenceSample());
        TrainConfig train =
                TrainConfig.defaults(base.id(), EncoderSpec.parse(base.encoder()), "")
                        .withWindows(base.maxTokens(), base.overlap())
                        .singleDomain(
                                version,
                                "retrained on "
                                        + recent.size()
                                        + " recent labelled records + "
                                        + (data.size() - recent.size())
                                        + " reference records ("
                                        + (config.referenceSpec().isBlank()
                                                ? "none"
                                                : config.referenceSpec())
                                        + ")");
        Path out = Path.of(config.bundleDir(), base.id() + "-" + version);
        StringWriter log = new StringWriter();
        ClassifierOptions options =
                ClassifierOptions.defaults().withIntraOpThreads(config.threads());
        BundleManifest manifest =
                TrainRunner.train(data, train, options, out, new PrintWriter(log));
        return new Result(out.toAbsolutePath().toString(), manifest, log.toString());
    }

    private List<LabelledText> referenceSample() {
        if (config.referenceSpec().isBlank() || config.referenceSample() == 0) {
            return List.of();
        }
        List<LabelledText> all =
                new ArrayList<>(
                        TrainingData.load(
                                config.referenceSpec(), "text", "label", null, config.maxChars()));
        Collections.shuffle(all, new Random(7));
        List<LabelledText> sample = new ArrayList<>();
        for (LabelledText t : all.subList(0, Math.min(config.referenceSample(), all.size()))) {
            String label = config.labelMap().getOrDefault(t.label(), t.label());
            sample.add(new LabelledText(t.id(), t.source(), t.text(), label, t.time()));
        }
        return sample;
    }
}
