package io.nlpstream.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void matchesScikitLearnDocumentationExample() {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        double auc =
                RocAuc.binary(
                        new double[] {0.1, 0.4, 0.35, 0.8},
                        new boolean[] {false, false, true, true});
        assertThat(auc).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void tiesCountOneHalf() {
        // Pairs (pos, neg): (0.5,0.5)=.5 (0.5,0.2)=1 (0.9,0.5)=1 (0.9,0.2)=1 (0.5,0.5)=.5
        // (0.5,0.2)=1
        double auc =
                RocAuc.binary(
                        new double[] {0.5, 0.5, 0.2, 0.9, 0.5},
                        new boolean[] {false, true, false, true, true});
        assertThat(auc).isCloseTo(5.0 / 6.0, within(1e-12));
    }

    @Test
    void perfectAndReversedRankings() {
        boolean[] y = {false, false, true, true};
        assertThat(RocAuc.binary(new double[] {0.1, 0.2, 0.8, 0.9}, y)).isEqualTo(1.0);
        assertThat(RocAuc.binary(new double[] {0.9, 0.8, 0.2, 0.1}, y)).isEqualTo(0.0);
        assertThat(RocAuc.binary(new double[] {0.5, 0.5, 0.5, 0.5}, y)).isEqualTo(0.5);
    }

    @Test
    void undefinedWithoutBothClasses() {
        assertThat(RocAuc.binary(new double[] {0.1, 0.2}, new boolean[] {true, true})).isNaN();
        assertThat(RocAuc.binary(new double[0], new boolean[0])).isNaN();
    }

    @Test
    void agreesWithPairCountingOnRandomData() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            int n = 50 + random.nextInt(50);
            double[] s = new double[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(10) / 10.0; // coarse scores make many ties
                y[i] = random.nextDouble() < 0.3 + 0.4 * s[i];
            }
            assertThat(RocAuc.binary(s, y)).isCloseTo(pairCounting(s, y), within(1e-12));
        }
    }

    @Test
    void oneVsRestMacroMatchesHandComputedValue() {
        List<String> labels = List.of("a", "b", "c", "a", "b", "c", "a", "c");
        List<Map<String, Double>> scores =
                List.of(
                        Map.of("a", .7, "b", .2, "c", .1),
                        Map.of("a", .3, "b", .4, "c", .3),
                        Map.of("a", .2, "b", .2, "c", .6),
                        Map.of("a", .4, "b", .5, "c", .1),
                        Map.of("a", .1, "b", .6, "c", .3),
                        Map.of("a", .3, "b", .3, "c", .4),
                        Map.of("a", .3, "b", .3, "c", .4),
                        Map.of("a", .5, "b", .1, "c", .4));
        // Per class (a, b, c): 0.8, 11/12, 14/15, as roc_auc_score(..., multi_class="ovr")
        // averages.
        double expected = (0.8 + 11.0 / 12.0 + 14.0 / 15.0) / 3.0;
        assertThat(RocAuc.oneVsRestMacro(scores, labels)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void oneVsRestOnTwoClassesEqualsBinaryAuc() {
        List<Map<String, Double>> scores =
                List.of(
                        Map.of("pos", 0.1, "neg", 0.9),
                        Map.of("pos", 0.4, "neg", 0.6),
                        Map.of("pos", 0.35, "neg", 0.65),
                        Map.of("pos", 0.8, "neg", 0.2));
        assertThat(RocAuc.oneVsRestMacro(scores, List.of("neg", "neg", "pos", "pos")))
                .isCloseTo(0.75, within(1e-12));
    }

    @Test
    void twoClassesThatDoNotSumToOneAreAveraged() {
        // "neg" always scores 0.5, so its own AUC is 0.5; "pos" ranks perfectly: (1 + 0.5) / 2.
        List<Map<String, Double>> scores =
                List.of(
                        Map.of("pos", 0.1, "neg", 0.5),
                        Map.of("pos", 0.2, "neg", 0.5),
                        Map.of("pos", 0.8, "neg", 0.5));
        assertThat(RocAuc.oneVsRestMacro(scores, List.of("neg", "neg", "pos")))
                .isCloseTo(0.75, within(1e-12));
    }

    private static double pairCounting(double[] s, boolean[] y) {
        double num = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (y[i] && !y[j]) {
                    pairs++;
                    num += s[i] > s[j] ? 1.0 : s[i] == s[j] ? 0.5 : 0.0;
                }
            }
        }
        return num / pairs;
    }
}
