package io.nlpstream.serving.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.Classification;
import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.bundle.BundleIo;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.ChunkEmbedder;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.inference.EncoderHeadClassifier;
import io.nlpstream.serving.inference.OnnxEncoder;
import io.nlpstream.serving.testutils.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains a real sentiment head on the UCI sentences and checks its held-out quality. */
class SentimentHeadTrainingTest {
    @TempDir Path dir;

    @Test
    void trainedHeadBeatsPointNineAucOnHeldOutSentences() {
        List<LabelledText> data = Datasets.fromDefaultCache().uciSentiment();
        TrainConfig defaults =
                TrainConfig.defaults("sentiment-test", Encoder.MINILM_L6_V2_Q, "uci");
        TrainConfig config =
                new TrainConfig(
                        defaults.id(),
                        "test",
                        defaults.encoder(),
                        defaults.maxTokens(),
                        defaults.overlap(),
                        defaults.l2(),
                        defaults.l2Grid(),
                        defaults.calibrationFraction(),
                        defaults.testFraction(),
                        defaults.seed(),
                        false,
                        defaults.dataDescription());
        OnnxEncoder encoder = TestModels.encoder(Encoder.MINILM_L6_V2_Q);
        EmbeddedCorpus corpus =
                EmbeddedCorpus.embed(
                        data,
                        new ChunkEmbedder(encoder, config.maxTokens(), config.overlap(), 32, 64),
                        null);

        HeadTraining.Result result = new HeadTraining(config).run(corpus);

        assertThat(corpus.size()).isEqualTo(3000);
        assertThat(corpus.labels()).containsExactly("negative", "positive");
        assertThat(result.metrics().get("heldout.examples")).isEqualTo(600.0);
        assertThat(result.metrics().get("heldout.auc")).isGreaterThan(0.90);
        assertThat(result.metrics().get("heldout.accuracy")).isGreaterThan(0.85);
        assertThat(result.metrics().get("heldout.ece")).isLessThan(0.08);
        assertThat(result.temperature()).isBetween(0.005, 20.0);

        // the written bundle scores like the in-memory head
        BundleIo.write(dir, manifest(config, corpus, result), result.head());
        ModelBundle bundle = BundleIo.read(BundleIo.directory(dir));
        EncoderHeadClassifier classifier =
                new EncoderHeadClassifier(bundle, encoder, ClassifierOptions.defaults());
        Classification c =
                classifier.classify(List.of("What a wonderful, heartwarming film.")).get(0);
        assertThat(c.label()).isEqualTo("positive");
    }

    @Test
    void reportListsTheMetrics() {
        StringWriter out = new StringWriter();
        BundleManifest manifest = Bundles.load("sentiment").manifest();
        new PrintWriter(out, true).print(TrainRunner.report(manifest, 1.0));
        assertThat(out.toString()).contains("heldout.auc", "cross_domain.auc.mean", "temperature");
    }

    private static BundleManifest manifest(
            TrainConfig config, EmbeddedCorpus corpus, HeadTraining.Result result) {
        return new BundleManifest(
                BundleManifest.FORMAT,
                config.id(),
                config.version(),
                config.encoder().id(),
                config.encoder().pooling(),
                config.maxTokens(),
                config.overlap(),
                corpus.labels(),
                new BundleManifest.Calibration("temperature", result.temperature()),
                Map.of("data", "uci"),
                result.metrics());
    }
}
