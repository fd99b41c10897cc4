package io.nlpstream.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedClassifiersTest {
    // single thread so this test's session is not the one other tests share
    private static final ClassifierOptions OPTIONS =
            ClassifierOptions.defaults().withIntraOpThreads(1);

    @Test
    void leasesShareOneClassifierAndTheLastReleaseClosesIt() {
        TextClassifier first = SharedClassifiers.acquire("sentiment", OPTIONS);
        TextClassifier second = SharedClassifiers.acquire("sentiment", OPTIONS);
        assertThat(SharedClassifiers.references("sentiment", OPTIONS)).isEqualTo(2);
        assertThat(first.classify(List.of("Absolutely loved it.")))
                .extracting(Classification::label)
                .containsExactly("positive");

        first.close();
        first.close();
        assertThat(SharedClassifiers.references("sentiment", OPTIONS)).isEqualTo(1);
        assertThat(second.classify(List.of("Awful, broke in a day.")))
                .extracting(Classification::label)
                .containsExactly("negative");
        assertThatThrownBy(() -> first.classify(List.of("x")))
                .isInstanceOf(IllegalStateException.class);

        SharedClassifiers.release(second);
        assertThat(SharedClassifiers.references("sentiment", OPTIONS)).isZero();
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> ClassifierOptions.defaults().withMaxBatch(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBatch must be >= 1, was 0");
    }
}
