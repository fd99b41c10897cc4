package io.nlpstream.serving.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadMathTest {

    @Test
    void softmaxWithTemperatureOnFixedLogits() {
        double[] p = Softmax.probabilities(new double[] {2.0, 0.0}, 1.0);
        assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12));
        double[] softer = Softmax.probabilities(new double[] {2.0, 0.0}, 2.0);
        assertThat(softer[0]).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
        double[] huge = Softmax.probabilities(new double[] {1000, -1000, 0}, 1.0);
        assertThat(huge[0]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aggregationIsTheRenormalisedMeanOfLogProbabilities() {
        double[] a = {Math.log(0.9), Math.log(0.1)};
        double[] b = {Math.log(0.4), Math.log(0.6)};
        double[] p = ChunkAggregator.aggregate(List.of(a, b));
        double pos = Math.sqrt(0.9 * 0.4);
        double neg = Math.sqrt(0.1 * 0.6);
        assertThat(p[0]).isCloseTo(pos / (pos + neg), within(1e-12));
        assertThat(p[0] + p[1]).isCloseTo(1.0, within(1e-12));
        assertThat(ChunkAggregator.aggregate(List.of(a))[0]).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void linearHeadStandardisesThenAppliesWeights() {
        LinearHead head =
                new LinearHead(
                        List.of("a", "b"),
                        new double[] {1, 0},
                        new double[] {2, 1},
                        new double[][] {{1, 0}, {0, 1}},
                        new double[] {0.5, -0.5});
        assertThat(head.logits(new float[] {3, 4})).containsExactly(1.5, 3.5);
        assertThatThrownBy(() -> head.logits(new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vector of 1 features, head expects 2");
    }
}
