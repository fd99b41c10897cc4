package io.nlpstream.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.nlpstream.serving.testutils.TestModels;
import io.nlpstream.serving.tokenize.EncoderTokenizer;
import io.nlpstream.serving.tokenize.TokenWindow;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The E5 encoder sees {@code "query: "} before every window and mean-pools, as it was trained. */
class E5EncoderTest {
    private final OnnxEncoder e5 = TestModels.encoder(Encoder.E5_SMALL_V2_Q);

    @Test
    void everyWindowIsTheTokensOfQueryPrefixPlusText() {
        ChunkEmbedder embedder = new ChunkEmbedder(e5, 512, 32, 8, 8);
        try (EncoderTokenizer plain =
                EncoderTokenizer.fromResource(Encoder.E5_SMALL_V2_Q.tokenizerResource())) {
            long[] expected = plain.contentIds(List.of("query: Great phone, lousy battery."))[0];

            long[] window = embedder.windows(List.of("Great phone, lousy battery.")).get(0).ids();

            assertThat(Arrays.copyOfRange(window, 1, window.length - 1)).containsExactly(expected);
            assertThat(window.length).isEqualTo(expected.length + 2); // [CLS] ... [SEP]
        }
    }

    @Test
    void embedsToAUnitVectorThatTheQueryPrefixChanges() {
        String text = "The battery died after two days and support never answered.";
        float[] withPrefix = new ChunkEmbedder(e5, 512, 32, 8, 8).embed(List.of(text))[0][0];
        float[] withoutPrefix;
        try (EncoderTokenizer plain =
                EncoderTokenizer.fromResource(Encoder.E5_SMALL_V2_Q.tokenizerResource())) {
            long[] ids = plain.contentIds(List.of(text))[0];
            TokenWindow bare = plain.chunker(512, 32).split(0, ids).get(0);
            withoutPrefix = e5.embed(List.of(bare))[0];
        }

        assertThat(e5.dimension()).isEqualTo(384);
        assertThat(norm(withPrefix)).isCloseTo(1.0, offset(1e-5));
        assertThat(norm(withoutPrefix)).isCloseTo(1.0, offset(1e-5));
        double cosine = dot(withPrefix, withoutPrefix);
        assertThat(cosine).isLessThan(0.999).isGreaterThan(0.8);
    }

    @Test
    void meanPooledQueriesRankAParaphraseAboveAnUnrelatedSentence() {
        ChunkEmbedder embedder = new ChunkEmbedder(e5, 512, 32, 8, 8);
        float[][][] v =
                embedder.embed(
                        List.of(
                                "How do I reset my forgotten password?",
                                "Steps to recover access when you lost your login password",
                                "The stadium was full for the football final."));

        assertThat(Encoder.E5_SMALL_V2_Q.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(dot(v[0][0], v[1][0])).isGreaterThan(dot(v[0][0], v[2][0]) + 0.05);
    }

    @Test
    void aLongTextIsChunkedWithThePrefixInsideEachWindowsBudget() {
        ChunkEmbedder embedder = new ChunkEmbedder(e5, 512, 32, 8, 8);
        String text = "the delivery was late but the product itself works well ".repeat(120);
        try (EncoderTokenizer plain =
                EncoderTokenizer.fromResource(Encoder.E5_SMALL_V2_Q.tokenizerResource())) {
            long[] prefix = plain.contentIds(List.of("query: "))[0];
            int contentTokens = plain.contentIds(List.of(text))[0].length;
            assertThat(contentTokens).isGreaterThan(1000);

            List<TokenWindow> windows = embedder.windows(List.of(text));

            // 512 tokens a window: [CLS], the prefix, content, [SEP]; 32 shared with the next
            int content = 512 - 2 - prefix.length;
            int expected = 1 + (contentTokens - content + (content - 32) - 1) / (content - 32);
            assertThat(windows).hasSize(expected);
            for (TokenWindow w : windows) {
                assertThat(w.length()).isLessThanOrEqualTo(512);
                assertThat(Arrays.copyOfRange(w.ids(), 1, 1 + prefix.length))
                        .containsExactly(prefix);
            }
            assertThat(windows.get(0).length()).isEqualTo(512);
            assertThat(embedder.windowLengths(text))
                    .containsExactly(windows.stream().mapToInt(TokenWindow::length).toArray());
        }
        float[][] vectors = embedder.embed(List.of(text))[0];
        assertThat(vectors.length).isEqualTo(embedder.windowLengths(text).length);
        for (float[] vector : vectors) {
            assertThat(norm(vector)).isCloseTo(1.0, offset(1e-5));
        }
    }

    static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    static double dot(float[] x, float[] y) {
        double sum = 0;
        for (int d = 0; d < x.length; d++) {
            sum += (double) x[d] * y[d];
        }
        return sum;
    }
}
