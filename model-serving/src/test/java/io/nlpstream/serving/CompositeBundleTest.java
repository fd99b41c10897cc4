package io.nlpstream.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.serving.bundle.BundleException;
import io.nlpstream.serving.bundle.BundleIo;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.inference.EncoderSpec;
import io.nlpstream.serving.train.TrainConfig;
import io.nlpstream.serving.train.TrainRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A head trained on bge-small and e5-small concatenated: its bundle records both encoders, loads
 * back into the composite, scores long texts, and shares each encoder's session with every other
 * classifier of the JVM that uses it.
 */
class CompositeBundleTest {
    private static final String SPEC = "bge-small-en-v1.5-q+e5-small-v2-q";
    // one intra-op thread: sessions apart from those other test classes share
    private static final ClassifierOptions OPTIONS =
            ClassifierOptions.defaults().withIntraOpThreads(1);

    @TempDir static Path dir;
    private static Path bundle;
    private static BundleManifest written;

    @BeforeAll
    static void trainACompositeHeadOnUciSentences() {
        List<LabelledText> all = new ArrayList<>(Datasets.fromDefaultCache().uciSentiment());
        Collections.shuffle(all, new Random(11));
        TrainConfig defaults =
                TrainConfig.defaults("sentiment-e5", EncoderSpec.parse(SPEC), "400 uci sentences");
        TrainConfig config =
                new TrainConfig(
                        defaults.id(),
                        "1",
                        defaults.encoder(),
                        defaults.maxTokens(),
                        defaults.overlap(),
                        TrainConfig.DEFAULT_L2,
                        List.of(),
                        defaults.calibrationFraction(),
                        defaults.testFraction(),
                        defaults.seed(),
                        false,
                        defaults.dataDescription());
        bundle = dir.resolve("sentiment-e5");
        written =
                TrainRunner.train(
                        all.subList(0, 400),
                        config,
                        OPTIONS,
                        bundle,
                        new PrintWriter(new StringWriter()));
    }

    @Test
    void theBundleRecordsBothEncodersAndLoadsBackAsTheComposite() {
        ModelBundle read = Bundles.load(bundle.toString());

        assertThat(read.manifest()).isEqualTo(written);
        assertThat(read.manifest().encoder()).isEqualTo(SPEC);
        assertThat(read.manifest().pooling()).isEqualTo("CLS+MEAN");
        assertThat(read.manifest().encoders())
                .containsExactly(
                        new BundleManifest.EncoderPart("bge-small-en-v1.5-q", "int8", "CLS", ""),
                        new BundleManifest.EncoderPart("e5-small-v2-q", "int8", "MEAN", "query: "));
        assertThat(read.encoderSpec().parts())
                .containsExactly(Encoder.BGE_SMALL_EN_V15_Q, Encoder.E5_SMALL_V2_Q);
        assertThat(read.head().dimension()).isEqualTo(768);
        assertThat(written.metrics().get("heldout.auc")).isGreaterThan(0.9);
    }

    @Test
    void theCompositeClassifierScoresShortAndLongTexts() {
        String longReview =
                "I waited a long time for this phone and the first week was fine. ".repeat(20)
                        + "Then the screen cracked by itself, the battery swelled, support hung"
                        + " up on me twice and the refund never came. Terrible, avoid it.";
        try (TextClassifier classifier = SharedClassifiers.acquire(bundle.toString(), OPTIONS)) {
            assertThat(classifier.windowLengths(longReview).length).isGreaterThan(2);

            List<Classification> out =
                    classifier.classify(
                            List.of(
                                    "Absolutely loved it, works perfectly.",
                                    "Awful, it broke in a day.",
                                    longReview));

            assertThat(out)
                    .extracting(Classification::label)
                    .containsExactly("positive", "negative", "negative");
            assertThat(out.get(0).chunks()).isEqualTo(1);
            assertThat(out.get(2).chunks()).isGreaterThan(1);
        }
    }

    @Test
    void compositesShareEachEncodersSessionWithEveryClassifierThatUsesIt() {
        Path copy = dir.resolve("copy");
        ModelBundle read = Bundles.load(bundle.toString());
        BundleIo.write(copy, read.manifest(), read.head());
        int before = SharedClassifiers.openSessions();

        try (TextClassifier first = SharedClassifiers.acquire(bundle.toString(), OPTIONS);
                TextClassifier second = SharedClassifiers.acquire(copy.toString(), OPTIONS)) {
            assertThat(SharedClassifiers.openSessions()).isEqualTo(before + 2);
            assertThat(SharedClassifiers.references(Encoder.BGE_SMALL_EN_V15_Q, OPTIONS))
                    .isEqualTo(2);
            assertThat(SharedClassifiers.references(Encoder.E5_SMALL_V2_Q, OPTIONS)).isEqualTo(2);
            try (TextClassifier bgeAlone = SharedClassifiers.acquire("sentiment", OPTIONS)) {
                // the shipped bge-only bundle runs on the composites' bge session
                assertThat(SharedClassifiers.openSessions()).isEqualTo(before + 2);
                assertThat(SharedClassifiers.references(Encoder.BGE_SMALL_EN_V15_Q, OPTIONS))
                        .isEqualTo(3);
                assertThat(bgeAlone.classify(List.of("Absolutely loved it.")).get(0).label())
                        .isEqualTo("positive");
            }
            first.close();
            assertThat(SharedClassifiers.references(Encoder.E5_SMALL_V2_Q, OPTIONS)).isEqualTo(1);
            assertThat(second.classify(List.of("Awful, broke in a day.")).get(0).label())
                    .isEqualTo("negative");
        }
        assertThat(SharedClassifiers.openSessions()).isEqualTo(before);
    }

    @Test
    void shippedSingleEncoderBundlesLoadUnchanged() {
        for (String name : Bundles.SHIPPED) {
            ModelBundle shipped = Bundles.load(name);
            assertThat(shipped.manifest().encoders()).isNull();
            assertThat(shipped.encoderSpec().composite()).isFalse();
        }
        assertThat(Bundles.load("sentiment").encoderSpec().parts())
                .containsExactly(Encoder.BGE_SMALL_EN_V15_Q);
    }

    @Test
    void aBundleWhoseRecordedEncodersDisagreeWithItsSpecIsRefused() {
        ModelBundle read = Bundles.load(bundle.toString());
        BundleManifest m = read.manifest();
        BundleManifest swapped =
                new BundleManifest(
                        m.format(),
                        m.id(),
                        m.version(),
                        "e5-small-v2-q+bge-small-en-v1.5-q",
                        "MEAN+CLS",
                        m.maxTokens(),
                        m.overlap(),
                        m.labels(),
                        m.calibration(),
                        m.training(),
                        m.metrics(),
                        m.encoders());
        Path bad = dir.resolve("swapped");
        BundleIo.write(bad, swapped, read.head());

        assertThatThrownBy(() -> Bundles.load(bad.toString()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("encoders")
                .hasMessageContaining("e5-small-v2-q+bge-small-en-v1.5-q");
    }
}
