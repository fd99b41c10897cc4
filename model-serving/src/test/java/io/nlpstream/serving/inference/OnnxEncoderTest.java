package io.nlpstream.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.testutils.TestModels;
import io.nlpstream.serving.tokenize.Chunker;
import io.nlpstream.serving.tokenize.TokenWindow;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OnnxEncoderTest {

    @Test
    void maskedMeanPoolingGivesAPaddedWindowTheSameVectorAsAlone() {
        OnnxEncoder encoder = TestModels.encoder(Encoder.MINILM_L6_V2);
        TokenWindow[] w = windows(encoder);

        float[] alone = encoder.embed(List.of(w[0]))[0];
        float[] padded = encoder.embed(List.of(w[1], w[0]))[1];

        assertThat(maxDifference(alone, padded)).isLessThan(1e-5);
    }

    /**
     * The int8 encoders quantize activations per tensor at run time (DynamicQuantizeLinear), so the
     * quantization range, and with it every vector, depends slightly on the other rows of the
     * batch, padded or not. Only fp32 is batch-invariant to 1e-5.
     */
    @ParameterizedTest
    @EnumSource(
            value = Encoder.class,
            names = {"MINILM_L6_V2_Q", "BGE_SMALL_EN_V15_Q"})
    void int8EncodersAreBatchDependentButClose(Encoder which) {
        OnnxEncoder encoder = TestModels.encoder(which);
        TokenWindow[] w = windows(encoder);

        float[] alone = encoder.embed(List.of(w[0]))[0];
        float[] padded = encoder.embed(List.of(w[1], w[0]))[1];

        assertThat(cosine(alone, padded)).isGreaterThan(0.97);
    }

    private static TokenWindow[] windows(OnnxEncoder encoder) {
        Chunker chunker = encoder.tokenizer().chunker(256, 32);
        long[][] ids =
                encoder.tokenizer()
                        .contentIds(
                                List.of(
                                        "Great phone.",
                                        "The battery died after two days and support never answered my emails."));
        TokenWindow shortWindow = chunker.split(0, ids[0]).get(0);
        TokenWindow longWindow = chunker.split(1, ids[1]).get(0);
        assertThat(shortWindow.length()).isLessThan(longWindow.length());
        return new TokenWindow[] {shortWindow, longWindow};
    }

    private static double maxDifference(float[] x, float[] y) {
        double max = 0;
        for (int d = 0; d < x.length; d++) {
            max = Math.max(max, Math.abs(x[d] - y[d]));
        }
        return max;
    }

    private static double cosine(float[] x, float[] y) {
        double dot = 0;
        for (int d = 0; d < x.length; d++) {
            dot += x[d] * y[d];
        }
        return dot;
    }

    @Test
    void askingForCudaWithoutItFallsBackToCpu() {
        // The default build ships the CPU runtime: appending CUDA throws, is logged once, and
        // ignored.
        try (OnnxEncoder encoder =
                OnnxEncoder.load(
                        Encoder.MINILM_L6_V2_Q,
                        ClassifierOptions.defaults().withIntraOpThreads(1).withCuda(true))) {
            ChunkEmbedder embedder = new ChunkEmbedder(encoder, 128, 16, 4, 4);
            assertThat(embedder.embed(List.of("still works on the CPU"))[0][0]).hasSize(384);
        }
    }

    @Test
    void int8MiniLmStaysCloseToFp32() {
        OnnxEncoder fp32 = TestModels.encoder(Encoder.MINILM_L6_V2);
        OnnxEncoder int8 = TestModels.encoder(Encoder.MINILM_L6_V2_Q);
        ChunkEmbedder a = new ChunkEmbedder(fp32, 256, 32, 8, 8);
        ChunkEmbedder b = new ChunkEmbedder(int8, 256, 32, 8, 8);
        float[] x = a.embed(List.of("The food was cold and the waiter was rude."))[0][0];
        float[] y = b.embed(List.of("The food was cold and the waiter was rude."))[0][0];
        assertThat(fp32.dimension()).isEqualTo(384);
        assertThat(cosine(x, y)).isGreaterThan(0.95);
    }
}
