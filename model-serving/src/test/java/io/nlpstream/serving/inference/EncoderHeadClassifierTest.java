package io.nlpstream.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.nlpstream.serving.Classification;
import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.InvalidTextException.Reason;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import io.nlpstream.serving.head.ChunkAggregator;
import io.nlpstream.serving.head.Softmax;
import io.nlpstream.serving.testutils.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EncoderHeadClassifierTest {
    private static final List<String> REVIEWS =
            List.of(
                    "I love this phone, the screen is gorgeous and the battery lasts for days.",
                    "Terrible.",
                    "The pasta was bland, the service slow, and the bill was wrong twice.",
                    "Best movie I have seen in years!",
                    "Meh.",
                    "The plot made no sense and the acting was wooden; I walked out halfway through the film.");

    private final EncoderHeadClassifier classifier = TestModels.sentiment();

    @Test
    void scoresObviousSentimentCorrectly() {
        List<Classification> out = classifier.classify(REVIEWS);
        assertThat(out)
                .extracting(Classification::label)
                .containsExactly(
                        "positive", "negative", "negative", "positive", "negative", "negative");
        assertThat(out)
                .allSatisfy(
                        c -> {
                            assertThat(
                                            c.scores().values().stream()
                                                    .mapToDouble(Double::doubleValue)
                                                    .sum())
                                    .isCloseTo(1.0, within(1e-9));
                            assertThat(c.confidence()).isEqualTo(c.scores().get(c.label()));
                            assertThat(c.chunks()).isEqualTo(1);
                        });
        assertThat(classifier.descriptor().id()).isEqualTo("sentiment");
        assertThat(classifier.descriptor().labels()).containsExactly("negative", "positive");
    }

    @Test
    void bucketingReturnsResultsInInputOrder() {
        // fp32 encoder: batch-invariant, so a batched text must score exactly as alone.
        EncoderHeadClassifier fp32 = TestModels.classifier("sentiment-minilm");
        // Lengths deliberately unsorted so that buckets reorder the windows internally.
        List<Classification> batched = fp32.classify(REVIEWS);
        for (int i = 0; i < REVIEWS.size(); i++) {
            Classification alone = fp32.classify(List.of(REVIEWS.get(i))).get(0);
            assertThat(batched.get(i).label()).isEqualTo(alone.label());
            for (String label : alone.scores().keySet()) {
                assertThat(batched.get(i).scores().get(label))
                        .isCloseTo(alone.scores().get(label), within(1e-5));
            }
        }
    }

    @Test
    void oneSharedClassifierServesConcurrentCallers() throws Exception {
        EncoderHeadClassifier fp32 = TestModels.classifier("sentiment-minilm");
        List<Classification> expected = fp32.classify(REVIEWS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Classification>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> fp32.classify(REVIEWS)));
            }
            for (Future<List<Classification>> call : calls) {
                List<Classification> got = call.get();
                for (int i = 0; i < REVIEWS.size(); i++) {
                    assertThat(got.get(i).confidence())
                            .isCloseTo(expected.get(i).confidence(), within(1e-5));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void int8DefaultModelKeepsOrderWithinQuantizationNoise() {
        List<Classification> batched = classifier.classify(REVIEWS);
        for (int i = 0; i < REVIEWS.size(); i++) {
            Classification alone = classifier.classify(List.of(REVIEWS.get(i))).get(0);
            assertThat(batched.get(i).label()).isEqualTo(alone.label());
            assertThat(batched.get(i).confidence()).isCloseTo(alone.confidence(), within(0.03));
        }
    }

    @Test
    void longTextIsChunkedAndAggregatedNotTruncated() {
        // forty real positive yelp reviews followed by forty negative ones
        List<LabelledText> yelp = Datasets.fromDefaultCache().uciSentiment("yelp");
        String text =
                Stream.concat(
                                yelp.stream().filter(t -> t.label().equals("positive")).limit(40),
                                yelp.stream().filter(t -> t.label().equals("negative")).limit(40))
                        .map(LabelledText::text)
                        .collect(Collectors.joining(" "));
        ModelBundle bundle = classifier.bundle();
        OnnxEncoder encoder = TestModels.encoder(Encoder.byId(bundle.manifest().encoder()));
        ChunkEmbedder embedder =
                new ChunkEmbedder(
                        encoder,
                        bundle.manifest().maxTokens(),
                        bundle.manifest().overlap(),
                        32,
                        64);
        float[][] windows = embedder.embed(List.of(text))[0];

        Classification result = classifier.classify(List.of(text)).get(0);

        assertThat(result.chunks()).isEqualTo(windows.length).isGreaterThanOrEqualTo(3);
        List<double[]> logP = new ArrayList<>();
        for (float[] w : windows) {
            logP.add(
                    Softmax.logProbabilities(
                            bundle.head().logits(w),
                            bundle.manifest().calibration().temperature()));
        }
        double[] expected = ChunkAggregator.aggregate(logP);
        assertThat(result.scores().get("negative")).isCloseTo(expected[0], within(1e-9));
        // the first windows are glowing, the last ones furious: the text as a whole is mixed
        double firstPositive = Math.exp(logP.get(0)[1]);
        double lastPositive = Math.exp(logP.get(logP.size() - 1)[1]);
        assertThat(firstPositive).isGreaterThan(0.8);
        assertThat(lastPositive).isLessThan(0.2);
        assertThat(result.scores().get("positive")).isBetween(lastPositive, firstPositive);
    }

    @Test
    void badInputsMapToTypedErrors() {
        assertThat(reasonOf(List.of("fine text", "   "))).isEqualTo(Reason.EMPTY);
        assertThat(reasonOf(List.of("broken \uD800 surrogate")))
                .isEqualTo(Reason.INVALID_CHARACTERS);
        assertThat(reasonOf(List.of("control \u0001 character")))
                .isEqualTo(Reason.INVALID_CHARACTERS);
        ModelBundle bundle = classifier.bundle();
        // shares the test JVM's encoder, so it is not closed here
        EncoderHeadClassifier strict =
                new EncoderHeadClassifier(
                        bundle,
                        TestModels.encoder(Encoder.byId(bundle.manifest().encoder())),
                        ClassifierOptions.defaults().withMaxChunks(2));
        assertThat(reasonOf(strict, List.of("long text ".repeat(400)))).isEqualTo(Reason.TOO_LONG);
    }

    private Reason reasonOf(List<String> texts) {
        return reasonOf(classifier, texts);
    }

    private static Reason reasonOf(EncoderHeadClassifier c, List<String> texts) {
        try {
            c.classify(texts);
        } catch (InvalidTextException e) {
            return e.reason();
        }
        throw new AssertionError("expected an InvalidTextException for " + texts);
    }

    @Test
    void rejectsABundleForAnotherEncoder() {
        ModelBundle bundle = classifier.bundle();
        assertThatThrownBy(
                        () ->
                                new EncoderHeadClassifier(
                                        bundle,
                                        TestModels.encoder(Encoder.MINILM_L6_V2_Q),
                                        ClassifierOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bundle wants encoder bge-small-en-v1.5-q, got all-minilm-l6-v2-q");
    }
}
