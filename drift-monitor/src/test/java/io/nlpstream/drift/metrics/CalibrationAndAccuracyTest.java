package io.nlpstream.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationAndAccuracyTest {

    @Test
    void eceMatchesHandComputedValue() {
        // Five bins of width 0.2:
        //   [0.2,0.4): 0.30 wrong, 0.35 right -> |0.5 - 0.325| * 2/5 = 0.07
        //   [0.4,0.6): 0.55 right             -> |1.0 - 0.55 | * 1/5 = 0.09
        //   [0.8,1.0]: 0.90 right, 0.95 wrong -> |0.5 - 0.925| * 2/5 = 0.17
        double ece =
                new ExpectedCalibrationError(5)
                        .compute(
                                new double[] {0.9, 0.95, 0.3, 0.35, 0.55},
                                new boolean[] {true, false, false, true, true});
        assertThat(ece).isCloseTo(0.33, within(1e-12));
    }

    @Test
    void perfectlyCalibratedBinsGiveZero() {
        double ece =
                new ExpectedCalibrationError(10)
                        .compute(
                                new double[] {0.75, 0.75, 0.75, 0.75, 1.0},
                                new boolean[] {true, true, true, false, true});
        assertThat(ece).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void eceOfNothingIsUndefined() {
        assertThat(new ExpectedCalibrationError(10).compute(new double[0], new boolean[0])).isNaN();
    }

    @Test
    void binsPutOneInTheLastBin() {
        EqualWidthBins bins = new EqualWidthBins(10);
        assertThat(bins.binOf(0.0)).isZero();
        assertThat(bins.binOf(0.1)).isEqualTo(1);
        assertThat(bins.binOf(0.99)).isEqualTo(9);
        assertThat(bins.binOf(1.0)).isEqualTo(9);
        assertThatThrownBy(() -> new EqualWidthBins(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bins must be at least 1, got 0");
    }

    @Test
    void accuracyIsShareRight() {
        assertThat(Accuracy.of(new boolean[] {true, false, true, true})).isEqualTo(0.75);
        assertThat(Accuracy.of(new boolean[0])).isNaN();
    }
}
