package io.nlpstream.serving.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.inference.Encoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderTokenizerTest {

    @Test
    void loadsFromTheJarOfflineAndEncodesWordPieces() {
        // Surefire sets DJL_OFFLINE=true: nothing may be downloaded.
        try (EncoderTokenizer tokenizer =
                EncoderTokenizer.fromResource(Encoder.MINILM_L6_V2_Q.tokenizerResource())) {
            long[][] ids = tokenizer.contentIds(List.of("Hello world", "hello"));
            assertThat(ids[0]).containsExactly(7592L, 2088L);
            assertThat(ids[1]).containsExactly(7592L);
            assertThat(tokenizer.chunker(8, 0).split(0, ids[0]).get(0).ids())
                    .containsExactly(101L, 7592L, 2088L, 102L);
        }
    }

    @Test
    void ignoresTheFilesOwnTruncationAndPadding() {
        // The MiniLM tokenizer.json truncates and pads to 128; windows are this module's job.
        String longText = "word ".repeat(300);
        try (EncoderTokenizer tokenizer =
                EncoderTokenizer.fromResource(Encoder.MINILM_L6_V2.tokenizerResource())) {
            assertThat(tokenizer.contentIds(List.of(longText))[0]).hasSize(300);
            assertThat(tokenizer.contentIds(List.of("short"))[0]).hasSize(1);
        }
    }

    @Test
    void bgeTokenizerLoadsToo() {
        try (EncoderTokenizer tokenizer =
                EncoderTokenizer.fromResource(Encoder.BGE_SMALL_EN_V15_Q.tokenizerResource())) {
            assertThat(tokenizer.contentIds(List.of("Hello world"))[0])
                    .containsExactly(7592L, 2088L);
        }
    }
}
