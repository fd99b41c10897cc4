package io.nlpstream.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DivergenceTest {

    @Test
    void psiMatchesHandComputedValue() {
        // (0.3-0.5) ln(0.3/0.5) + 0 + (0.4-0.2) ln(0.4/0.2) = 0.2407945608651872
        double psi = Divergence.psi(new double[] {50, 30, 20}, new double[] {30, 30, 40}, 1e-12);
        assertThat(psi).isCloseTo(0.2407945608651872, within(1e-9));
    }

    @Test
    void psiOfIdenticalMixesIsZero() {
        assertThat(Divergence.psi(new double[] {1, 2, 3}, new double[] {2, 4, 6}, 1e-4))
                .isCloseTo(0.0, within(1e-15));
    }

    @Test
    void psiSmoothsEmptyBins() {
        // p = (c/n + eps) / (1 + k eps): expected (1, 0) -> (.99990002, .00009998), actual (.5, .5)
        double psi = Divergence.psi(new double[] {10, 0}, new double[] {5, 5}, 1e-4);
        assertThat(psi).isFinite().isCloseTo(4.6042993236235334, within(1e-9));
    }

    @Test
    void psiNeedsSmoothing() {
        assertThatThrownBy(() -> Divergence.psi(new double[] {1}, new double[] {1}, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PSI needs eps > 0, got 0.0");
    }

    @Test
    void jensenShannonMatchesScipyDocumentation() {
        // scipy.spatial.distance.jensenshannon([1, 0, 0], [0, 1, 0], 2.0) == 1.0
        assertThat(
                        Divergence.jensenShannonDistance(
                                new double[] {1, 0, 0}, new double[] {0, 1, 0}, 0.0))
                .isCloseTo(1.0, within(1e-12));
        // scipy.spatial.distance.jensenshannon([1, 0], [0.5, 0.5]) == 0.46450140402245893 (base e);
        // in base 2 the distance is that over sqrt(ln 2).
        assertThat(
                        Divergence.jensenShannonDistance(
                                new double[] {1, 0}, new double[] {0.5, 0.5}, 0.0))
                .isCloseTo(0.46450140402245893 / Math.sqrt(Math.log(2)), within(1e-12));
    }

    @Test
    void jensenShannonIsSymmetricAndZeroForEqualMixes() {
        double[] p = {50, 30, 20};
        double[] q = {30, 30, 40};
        assertThat(Divergence.jensenShannonDistance(p, q, 0.0))
                .isCloseTo(0.2067308603321408, within(1e-12))
                .isCloseTo(Divergence.jensenShannonDistance(q, p, 0.0), within(1e-15));
        assertThat(Divergence.jensenShannonDistance(p, q, 1e-4))
                .isCloseTo(0.20666806137756064, within(1e-12));
        assertThat(Divergence.jensenShannonDistance(p, p, 0.0)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void alignsLabelMixesOnTheUnionOfLabels() {
        double[][] aligned =
                Divergence.alignedCounts(
                        Map.of("neg", 3L, "pos", 1L), Map.of("spam", 2L, "pos", 5L));
        assertThat(aligned[0]).containsExactly(3, 1, 0);
        assertThat(aligned[1]).containsExactly(0, 5, 2);
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThatThrownBy(
                        () ->
                                Divergence.jensenShannonDistance(
                                        new double[] {1}, new double[] {1, 2}, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("distributions differ in length: 1 and 2");
    }
}
