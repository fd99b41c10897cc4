package io.nlpstream.serving.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Pseudo-labelling and the label-free guard, on fixed probabilities. */
class SelfTrainingTest {
    private static final double[][] BASE = {
        {0.9, 0.1},
        {0.8, 0.2},
        {0.6, 0.4},
        {0.45, 0.55},
        {0.3, 0.7},
        {0.2, 0.8},
        {0.1, 0.9},
        {0.05, 0.95},
        {0.7, 0.3},
        {0.4, 0.6}
    };

    @Test
    void twoClassesLabelTheTopAndBottomShare() {
        int[] labels = SelfTraining.pseudoLabels(BASE, 0.2);
        // two most negative texts (rows 0, 1) and the two most positive (rows 6, 7)
        assertThat(labels).containsExactly(0, 0, -1, -1, -1, -1, 1, 1, -1, -1);
    }

    @Test
    void moreClassesLabelEachClassTopShareAndResolveClaimsByProbability() {
        double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.5, 0.4}, {0.1, 0.45, 0.45}, {0.2, 0.1, 0.7}};
        // top 1 per class: class 0 -> row 0, class 1 -> row 1, class 2 -> row 3
        assertThat(SelfTraining.pseudoLabels(p, 0.25)).containsExactly(0, 1, -1, 2);
        // top 2: row 3 is claimed by classes 0 and 2 and goes to 2; row 2 by classes 1 and 2
        // with equal probability and stays at 1
        assertThat(SelfTraining.pseudoLabels(p, 0.5)).containsExactly(0, 1, 1, 2);
    }

    @Test
    void guardPassesAHeadThatAgreesWithTheBase() {
        double[][] adapted = new double[BASE.length][];
        for (int i = 0; i < BASE.length; i++) {
            // sharper but the same order
            double q = Math.pow(BASE[i][1], 0.8);
            adapted[i] = new double[] {1 - q, q};
        }
        AdaptationGuard.Verdict v = AdaptationGuard.DEFAULT.check(BASE, adapted);
        assertThat(v.agreement()).isEqualTo(1.0);
        assertThat(v.passed()).as(v.reason()).isTrue();
    }

    @Test
    void guardRejectsAHeadThatTurnedTheRankingUpsideDown() {
        double[][] flipped = new double[BASE.length][];
        for (int i = 0; i < BASE.length; i++) {
            flipped[i] = new double[] {BASE[i][1], BASE[i][0]};
        }
        AdaptationGuard.Verdict v = AdaptationGuard.DEFAULT.check(BASE, flipped);
        assertThat(v.agreement()).isEqualTo(-1.0);
        assertThat(v.passed()).isFalse();
        assertThat(v.reason()).contains("rank agreement with the base head -1.000 (least 0.90)");
    }

    @Test
    void guardRejectsAHeadThatPredictsOneClassForAlmostEverything() {
        double[][] collapsed = new double[BASE.length][];
        for (int i = 0; i < BASE.length; i++) {
            // same order, but everything above 0.5
            double q = 0.51 + BASE[i][1] / 10;
            collapsed[i] = new double[] {1 - q, q};
        }
        AdaptationGuard.Verdict v = AdaptationGuard.DEFAULT.check(BASE, collapsed);
        assertThat(v.agreement()).isEqualTo(1.0);
        assertThat(v.adaptedShares()[1]).isCloseTo(1.0, within(1e-9));
        assertThat(v.passed()).as(v.reason()).isFalse();
    }

    @Test
    void settingsRefuseAShareThatLeavesNothingUnlabelled() {
        assertThatThrownBy(() -> new SelfTraining.Settings(3, 0.6, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("share must be in (0, 0.5], got 0.6");
    }
}
