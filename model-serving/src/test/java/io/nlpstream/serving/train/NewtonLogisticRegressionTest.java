package io.nlpstream.serving.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The solver reaches the penalised optimum whatever the row order or the starting point. */
class NewtonLogisticRegressionTest {
    @Test
    void binaryFitIsStationary() {
        assertStationary(2, 0.05);
    }

    @Test
    void threeClassFitIsStationary() {
        assertStationary(3, 0.01);
    }

    @Test
    void rowOrderAndStartingPointDoNotChangeTheResult() {
        Problem p = problem(3, 300, 8, 11);
        NewtonLogisticRegression.Fit plain = NewtonLogisticRegression.fit(p.x, p.y, 3, 0.1, null);
        Problem reversed = p.reversed();
        NewtonLogisticRegression.Fit other =
                NewtonLogisticRegression.fit(
                        reversed.x,
                        reversed.y,
                        3,
                        0.1,
                        NewtonLogisticRegression.fit(p.x, p.y, 3, 3.0, null));
        for (int k = 0; k < 3; k++) {
            for (int d = 0; d < 8; d++) {
                assertThat(other.weights()[k][d]).isCloseTo(plain.weights()[k][d], within(1e-6));
            }
            assertThat(other.bias()[k]).isCloseTo(plain.bias()[k], within(1e-6));
        }
    }

    /** Gradient of the objective, computed here from its definition, vanishes at the fit. */
    private static void assertStationary(int classes, double l2) {
        Problem p = problem(classes, 400, 10, 3);
        NewtonLogisticRegression.Fit fit =
                NewtonLogisticRegression.fit(p.x, p.y, classes, l2, null);
        assertThat(fit.iterations()).isBetween(1, 50);
        double[][] gradW = new double[classes][10];
        double[] gradB = new double[classes];
        for (int i = 0; i < p.x.length; i++) {
            double[] logits = new double[classes];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                logits[k] = fit.bias()[k];
                for (int d = 0; d < 10; d++) {
                    logits[k] += fit.weights()[k][d] * p.x[i][d];
                }
                max = Math.max(max, logits[k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[k] - max);
            }
            for (int k = 0; k < classes; k++) {
                double r = (Math.exp(logits[k] - max) / sum - (p.y[i] == k ? 1 : 0)) / p.x.length;
                gradB[k] += r;
                for (int d = 0; d < 10; d++) {
                    gradW[k][d] += r * p.x[i][d];
                }
            }
        }
        for (int k = 0; k < classes; k++) {
            assertThat(gradB[k]).isCloseTo(0.0, within(1e-6));
            for (int d = 0; d < 10; d++) {
                assertThat(gradW[k][d] + l2 * fit.weights()[k][d]).isCloseTo(0.0, within(1e-6));
            }
        }
    }

    private record Problem(double[][] x, int[] y) {
        Problem reversed() {
            double[][] rx = new double[x.length][];
            int[] ry = new int[y.length];
            for (int i = 0; i < x.length; i++) {
                rx[i] = x[x.length - 1 - i];
                ry[i] = y[y.length - 1 - i];
            }
            return new Problem(rx, ry);
        }
    }

    /** Overlapping Gaussian classes, so the optimum is finite even with a weak penalty. */
    private static Problem problem(int classes, int n, int dim, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[classes][dim];
        for (double[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = random.nextGaussian();
            }
        }
        double[][] x = new double[n][dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int d = 0; d < dim; d++) {
                x[i][d] = centres[y[i]][d] + 1.5 * random.nextGaussian();
            }
        }
        return new Problem(x, y);
    }
}
