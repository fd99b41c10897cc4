package io.nlpstream.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.serving.bundle.BundleIo;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aBundleOnTheSameEncoderRunsOnTheOpenSessionWithoutLoadingAnother(@TempDir Path dir) {
        ModelBundle shipped = Bundles.load("sentiment");
        Path candidate = dir.resolve("candidate");
        BundleIo.write(candidate, shipped.manifest(), shipped.head());
        int before = SharedClassifiers.openSessions();
        try (TextClassifier live = SharedClassifiers.acquire("sentiment", OPTIONS)) {
            assertThat(SharedClassifiers.openSessions()).isEqualTo(before + 1);
            try (TextClassifier other = SharedClassifiers.acquire(candidate.toString(), OPTIONS)) {
                assertThat(SharedClassifiers.openSessions()).isEqualTo(before + 1);
                assertThat(SharedClassifiers.references("sentiment", OPTIONS)).isEqualTo(2);
                assertThat(other.classify(List.of("Absolutely loved it.")))
                        .extracting(Classification::label)
                        .containsExactly("positive");
            }
            // the candidate's release leaves the live model's session open
            assertThat(live.classify(List.of("Awful, broke in a day.")))
                    .extracting(Classification::label)
                    .containsExactly("negative");
        }
        assertThat(SharedClassifiers.openSessions()).isEqualTo(before);
    }

    @Test
    void aBatchIsCostedFromTheTokenizerAsTheModelWouldRunIt() {
        try (TextClassifier classifier = SharedClassifiers.acquire("sentiment", OPTIONS)) {
            int[] shortText = classifier.windowLengths("Great phone.");
            assertThat(shortText).hasSize(1);
            assertThat(shortText[0]).isBetween(4, 8);
            int[] longText = classifier.windowLengths("a very long review sentence ".repeat(200));
            assertThat(longText.length).isGreaterThan(1);

            RunShape shape = classifier.runShape(new int[] {10, 50, 10, 10});
            assertThat(shape.realTokens()).isEqualTo(80);
            assertThat(shape.runs()).isEqualTo(1); // runs of up to 32 windows
            assertThat(shape.paddedTokens()).isEqualTo(200);
            assertThatThrownBy(() -> classifier.windowLengths(" "))
                    .isInstanceOf(InvalidTextException.class);
        }
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> ClassifierOptions.defaults().withMaxBatch(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBatch must be >= 1, was 0");
    }
}
