package io.nlpstream.serving.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void aucCountsOrderedPairsAndHalfTies() {
        boolean[] positive = {false, false, true, true};
        assertThat(Metrics.auc(positive, new double[] {0.1, 0.2, 0.8, 0.9})).isEqualTo(1.0);
        assertThat(Metrics.auc(positive, new double[] {0.9, 0.8, 0.2, 0.1})).isEqualTo(0.0);
        // pairs: (0.1<0.35) (0.1<0.8) (0.4>0.35) (0.4<0.8) -> 3/4
        assertThat(Metrics.auc(positive, new double[] {0.1, 0.4, 0.35, 0.8})).isEqualTo(0.75);
        assertThat(Metrics.auc(positive, new double[] {0.5, 0.5, 0.5, 0.5})).isEqualTo(0.5);
    }

    @Test
    void macroAucAveragesOneVsRest() {
        int[] truth = {0, 1, 2};
        double[][] p = {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}};
        assertThat(Metrics.auc(truth, p)).isEqualTo(1.0);
    }

    @Test
    void accuracyAndExpectedCalibrationError() {
        int[] truth = {1, 1, 0, 1};
        double[][] p = {{0.2, 0.8}, {0.2, 0.8}, {0.2, 0.8}, {0.2, 0.8}};
        assertThat(Metrics.accuracy(truth, p)).isEqualTo(0.75);
        // all in one bin: |0.75 - 0.8| = 0.05
        assertThat(Metrics.ece(truth, p, 15)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void temperatureScalingFindsTheMinimum() {
        double t =
                TemperatureScaling.fit(
                        temperature -> Math.pow(Math.log(temperature) - Math.log(2.5), 2));
        assertThat(t).isCloseTo(2.5, within(1e-4));
    }

    @Test
    void stratifiedSplitKeepsLabelMixAndIsDisjoint() {
        int[] truth = new int[100];
        for (int i = 0; i < 100; i++) {
            truth[i] = i < 80 ? 0 : 1;
        }
        StratifiedSplit split = StratifiedSplit.of(truth, 0.1, 0.2, 1L);
        assertThat(split.test()).hasSize(20);
        assertThat(split.calibration()).hasSize(10);
        assertThat(split.train()).hasSize(70);
        assertThat(Arrays.stream(split.test()).filter(i -> truth[i] == 1).count()).isEqualTo(4);
        assertThat(
                        IntStream.concat(
                                        IntStream.concat(
                                                Arrays.stream(split.train()),
                                                Arrays.stream(split.test())),
                                        Arrays.stream(split.calibration()))
                                .distinct()
                                .count())
                .isEqualTo(100);
    }
}
