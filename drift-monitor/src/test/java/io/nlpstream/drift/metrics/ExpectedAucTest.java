package io.nlpstream.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpectedAucTest {

    @Test
    void twoRecordsByHand() {
        // Pairs i != j weigh p_i (1 - p_j): (0.8 over 0.2) 0.64 ranked right, (0.2 over 0.8) 0.04
        // ranked wrong, so the estimate is 0.64 / 0.68.
        assertThat(ExpectedAuc.binary(new double[] {0.2, 0.8}))
                .isCloseTo(0.64 / 0.68, within(1e-12));
    }

    @Test
    void certainProbabilitiesGiveTheRealisedAuc() {
        double[] p = {0.0, 1.0, 0.0, 1.0};
        assertThat(ExpectedAuc.binary(p)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void tiedScoresWeighOneHalf() {
        // All scores tie, so every pair counts 1/2 whatever the probabilities.
        double[] scores = {0.5, 0.5, 0.5};
        double[] p = {0.1, 0.6, 0.9};
        assertThat(ExpectedAuc.binary(scores, p)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void undefinedWhenEveryRecordIsCertainlyOneClass() {
        assertThat(ExpectedAuc.binary(new double[] {1.0, 1.0, 1.0})).isNaN();
    }

    @Test
    void estimatesRealisedBinaryAucOfACalibratedModel() {
        Random random = new Random(11);
        double totalError = 0.0;
        for (int round = 0; round < 10; round++) {
            int n = 2000;
            double[] p = new double[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                p[i] = 1.0 / (1.0 + Math.exp(-1.5 * random.nextGaussian()));
                y[i] = random.nextDouble() < p[i];
            }
            double realised = RocAuc.binary(p, y);
            double estimate = ExpectedAuc.binary(p);
            assertThat(estimate).isCloseTo(realised, within(0.03));
            totalError += Math.abs(estimate - realised);
        }
        assertThat(totalError / 10).isLessThan(0.015);
    }

    @Test
    void estimatesRealisedMultiClassMacroAucOfACalibratedModel() {
        Random random = new Random(5);
        String[] classes = {"a", "b", "c"};
        for (int round = 0; round < 5; round++) {
            int n = 2000;
            List<Map<String, Double>> scores = new ArrayList<>(n);
            List<String> truth = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] e = new double[3];
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    e[c] = Math.exp(1.5 * random.nextGaussian());
                    sum += e[c];
                }
                Map<String, Double> m = new HashMap<>();
                double u = random.nextDouble();
                double cumulative = 0;
                String label = classes[2];
                boolean drawn = false;
                for (int c = 0; c < 3; c++) {
                    m.put(classes[c], e[c] / sum);
                    cumulative += e[c] / sum;
                    if (!drawn && u < cumulative) {
                        label = classes[c];
                        drawn = true;
                    }
                }
                scores.add(m);
                truth.add(label);
            }
            double realised = RocAuc.oneVsRestMacro(scores, truth);
            assertThat(ExpectedAuc.oneVsRestMacro(scores)).isCloseTo(realised, within(0.03));
        }
    }

    @Test
    void overconfidentProbabilitiesOverestimate() {
        Random random = new Random(3);
        int n = 2000;
        double[] truthP = new double[n];
        double[] claimed = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian();
            truthP[i] = 1.0 / (1.0 + Math.exp(-0.5 * z));
            claimed[i] = 1.0 / (1.0 + Math.exp(-4.0 * z));
            y[i] = random.nextDouble() < truthP[i];
        }
        // The estimator trusts calibration: a model that claims too much looks better than it is.
        assertThat(ExpectedAuc.binary(claimed)).isGreaterThan(RocAuc.binary(claimed, y) + 0.1);
    }
}
