package io.nlpstream.serving.inference;

import static io.nlpstream.serving.inference.E5EncoderTest.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;

import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.RunShape;
import io.nlpstream.serving.testutils.TestModels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bge-small and e5-small concatenated: 384 + 384 dimensions, each half unit length. */
class ConcatEmbedderTest {
    private final OnnxEncoder bge = TestModels.encoder(Encoder.BGE_SMALL_EN_V15_Q);
    private final OnnxEncoder e5 = TestModels.encoder(Encoder.E5_SMALL_V2_Q);

    private TextEmbedder composite(int maxTokens) {
        return TextEmbedder.over(List.of(bge, e5), maxTokens, 32, 8, 64);
    }

    @Test
    void aTextIsTheConcatenationOfEachEncodersUnitVector() {
        String text = "Great phone, lousy battery.";
        TextEmbedder both = composite(256);

        float[][] windows = both.embed(List.of(text))[0];

        assertThat(both).isInstanceOf(ConcatEmbedder.class);
        assertThat(both.dimension()).isEqualTo(768);
        assertThat(windows.length).isEqualTo(1);
        float[] first = Arrays.copyOfRange(windows[0], 0, 384);
        float[] second = Arrays.copyOfRange(windows[0], 384, 768);
        assertThat(norm(first)).isCloseTo(1.0, offset(1e-5));
        assertThat(norm(second)).isCloseTo(1.0, offset(1e-5));
        // each half is what its encoder gives alone, in the spec's order
        assertThat(first)
                .containsExactly(
                        new ChunkEmbedder(bge, 256, 32, 8, 64).embed(List.of(text))[0][0],
                        within(1e-6f));
        assertThat(second)
                .containsExactly(
                        new ChunkEmbedder(e5, 256, 32, 8, 64).embed(List.of(text))[0][0],
                        within(1e-6f));
    }

    @Test
    void aTextLongerThan512TokensIsChunkedByEachEncoderAndNeverCut() {
        String text = "the hotel room was clean and the staff were friendly ".repeat(100);
        TextEmbedder both = composite(512);
        int[] bgeWindows = new ChunkEmbedder(bge, 512, 32, 8, 64).windowLengths(text);
        int[] e5Windows = new ChunkEmbedder(e5, 512, 32, 8, 64).windowLengths(text);
        assertThat(bgeWindows.length).isGreaterThan(1);

        float[][] windows = both.embed(List.of(text, "short one"))[0];

        assertThat(windows.length).isEqualTo(Math.max(bgeWindows.length, e5Windows.length));
        for (float[] w : windows) {
            assertThat(w).hasSize(768);
            assertThat(norm(Arrays.copyOfRange(w, 0, 384))).isCloseTo(1.0, offset(1e-5));
            assertThat(norm(Arrays.copyOfRange(w, 384, 768))).isCloseTo(1.0, offset(1e-5));
        }
        // the planner is told about every window both encoders run
        int[] lengths = both.windowLengths(text);
        assertThat(lengths.length).isEqualTo(bgeWindows.length + e5Windows.length);
        assertThat(Arrays.stream(lengths).max().orElseThrow()).isLessThanOrEqualTo(512);
        RunShape shape = both.runShape(lengths);
        assertThat(shape.realTokens())
                .isEqualTo(Arrays.stream(bgeWindows).sum() + Arrays.stream(e5Windows).sum());
    }

    @Test
    void whereTheEncodersCutDifferentlyEachCompositeWindowTakesTheWindowAtTheSamePlace() {
        // 64-token windows: bge keeps 62 content tokens, e5 only 60 after "query :"; a text of 61
        // content tokens is one bge window but two e5 windows
        String text = textOfTokens(61);
        TextEmbedder both = composite(64);

        float[][] windows = both.embed(List.of(text))[0];
        float[][] e5Alone = new ChunkEmbedder(e5, 64, 32, 8, 64).embed(List.of(text))[0];

        assertThat(e5Alone.length).isEqualTo(2);
        assertThat(windows.length).isEqualTo(2);
        // the single bge window serves both composite windows; e5's windows go in order
        assertThat(Arrays.equals(windows[0], 0, 384, windows[1], 0, 384)).isTrue();
        assertThat(Arrays.equals(windows[0], 384, 768, e5Alone[0], 0, 384)).isTrue();
        assertThat(Arrays.equals(windows[1], 384, 768, e5Alone[1], 0, 384)).isTrue();
        assertThat(Arrays.equals(e5Alone[0], e5Alone[1])).isFalse();
    }

    /** Distinct review words, as many as make {@code tokens} bge content tokens. */
    private String textOfTokens(int tokens) {
        String[] words =
                ("the room was small but clean and the staff at the front desk were kind helpful"
                                + " quick to answer every question we had about local food shops"
                                + " trains museums parks beaches weather prices tickets tours boats"
                                + " bikes maps hours markets bakeries cafes bars views gardens"
                                + " bridges castles churches squares streets rivers hills lakes"
                                + " forests villages towns islands ports")
                        .split(" ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4 * tokens; i++) {
            String word = words[i % words.length];
            text.append(text.length() == 0 ? "" : " ").append(word);
            int count = bge.tokenizer().contentIds(List.of(text.toString()))[0].length;
            if (count == tokens) {
                return text.toString();
            }
        }
        throw new IllegalStateException("not enough words for " + tokens + " tokens");
    }

    @Test
    void aTextNoEncoderCanScoreIsRefusedAsByOne() {
        assertThatThrownBy(() -> composite(256).embed(List.of("fine", " ")))
                .isInstanceOf(InvalidTextException.class);
    }

    @Test
    void specsParseAndName() {
        EncoderSpec spec = EncoderSpec.parse("bge-small-en-v1.5-q+e5-small-v2-q");
        assertThat(spec.parts()).containsExactly(Encoder.BGE_SMALL_EN_V15_Q, Encoder.E5_SMALL_V2_Q);
        assertThat(spec.id()).isEqualTo("bge-small-en-v1.5-q+e5-small-v2-q");
        assertThat(spec.pooling()).isEqualTo("CLS+MEAN");
        assertThat(spec.maxTokens()).isEqualTo(512);
        assertThat(EncoderSpec.parse("bge-small-en-v1.5-q").composite()).isFalse();
        assertThatThrownBy(() -> EncoderSpec.parse("bge-small-en-v1.5-q+bge-small-en-v1.5-q"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> EncoderSpec.parse("bge-small-en-v1.5-q+nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown encoder nope");
    }
}
