package io.nlpstream.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nlpstream.serving.testutils.TestModels;
import io.nlpstream.serving.tokenize.Chunker;
import io.nlpstream.serving.tokenize.TokenWindow;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OnnxEncoderTest {

    @ParameterizedTest
    @EnumSource(value = Encoder.class, names = {"MINILM_L6_V2", "MINILM_L6_V2_Q", "BGE_SMALL_EN_V15_Q"})
    void aPaddedWindowGetsTheSameVectorAsAlone(Encoder which) {
        OnnxEncoder encoder = TestModels.encoder(which);
        Chunker chunker = encoder.tokenizer().chunker(256, 32);
        long[][] ids =
                encoder.tokenizer()
                        .contentIds(List.of("Great phone.", "The battery died after two days and support never answered my emails."));
        TokenWindow shortWindow = chunker.split(0, ids[0]).get(0);
        TokenWindow longWindow = chunker.split(1, ids[1]).get(0);
        assertThat(shortWindow.length()).isLessThan(longWindow.length());

        float[] alone = encoder.embed(List.of(shortWindow))[0];
        float[] padded = encoder.embed(List.of(longWindow, shortWindow))[1];

        assertThat(alone).hasSize(encoder.dimension());
        double maxDiff = 0;
        for (int d = 0; d < alone.length; d++) {
            maxDiff = Math.max(maxDiff, Math.abs(padded[d] - alone[d]));
        }
        System.out.println(which + " max diff padded vs alone: " + maxDiff);
        assertThat(maxDiff).isLessThan(1e-5);
    }

    @Test
    void int8MiniLmStaysCloseToFp32() {
        OnnxEncoder fp32 = TestModels.encoder(Encoder.MINILM_L6_V2);
        OnnxEncoder int8 = TestModels.encoder(Encoder.MINILM_L6_V2_Q);
        ChunkEmbedder a = new ChunkEmbedder(fp32, 256, 32, 8, 8);
        ChunkEmbedder b = new ChunkEmbedder(int8, 256, 32, 8, 8);
        float[] x = a.embed(List.of("The food was cold and the waiter was rude."))[0][0];
        float[] y = b.embed(List.of("The food was cold and the waiter was rude."))[0][0];
        double cosine = 0;
        for (int d = 0; d < x.length; d++) {
            cosine += x[d] * y[d];
        }
        assertThat(fp32.dimension()).isEqualTo(384);
        assertThat(cosine).isGreaterThan(0.95);
    }
}
