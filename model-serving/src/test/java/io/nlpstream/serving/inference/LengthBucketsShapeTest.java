package io.nlpstream.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.serving.RunShape;
import org.junit.jupiter.api.Test;

class LengthBucketsShapeTest {
    @Test
    void windowsAreSortedByLengthSoOneLongWindowPadsOnlyItsOwnRun() {
        int[] lengths = {100, 10, 12, 11, 10, 13, 10, 12};

        RunShape shape = LengthBuckets.shape(lengths, 4);

        assertThat(shape.runs()).isEqualTo(2);
        assertThat(shape.realTokens()).isEqualTo(178);
        // runs {10,10,10,11} and {12,12,13,100}
        assertThat(shape.paddedTokens()).isEqualTo(4 * 11 + 4 * 100);
        assertThat(shape.paddingWaste()).isEqualTo(444.0 / 178);
    }

    @Test
    void nothingToRunCostsNothing() {
        assertThat(LengthBuckets.shape(new int[0], 8)).isEqualTo(RunShape.EMPTY);
        assertThat(RunShape.EMPTY.paddingWaste()).isEqualTo(1.0);
    }
}
