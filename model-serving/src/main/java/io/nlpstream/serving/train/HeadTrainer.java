package io.nlpstream.serving.train;

import io.nlpstream.serving.head.LinearHead;
import java.util.List;

/**
 * Trains a multinomial logistic-regression head with an L2 penalty on standardised vectors and
 * exports it as a {@link LinearHead}. The solver runs to the unique optimum, so the head depends on
 * the vectors and the penalty only.
 */
public final class HeadTrainer {
    private final double l2;

    /**
     * @param l2 penalty on the weights of the standardised features (mean log loss + l2/2 |W|^2)
     */
    public HeadTrainer(double l2) {
        this.l2 = l2;
    }

    /**
     * Fits the head.
     *
     * @param vectors pooled vectors
     * @param truth index into {@code labels} of each vector
     * @param labels label names, defining the head's row order
     */
    public LinearHead train(List<float[]> vectors, int[] truth, List<String> labels) {
        return train(vectors, truth, labels, null);
    }

    /**
     * Fits the head starting from {@code start} (a head on the same labels), which only saves
     * steps.
     */
    LinearHead train(List<float[]> vectors, int[] truth, List<String> labels, LinearHead start) {
        int[] counts = new int[labels.size()];
        for (int t : truth) {
            counts[t]++;
        }
        for (int k = 0; k < labels.size(); k++) {
            if (counts[k] == 0) {
                throw new IllegalStateException(
                        "label " + labels.get(k) + " has no training example");
            }
        }
        int dim = vectors.get(0).length;
        double[] mean = new double[dim];
        double[] scale = new double[dim];
        for (float[] v : vectors) {
            for (int d = 0; d < dim; d++) {
                mean[d] += v[d] / (double) vectors.size();
            }
        }
        for (float[] v : vectors) {
            for (int d = 0; d < dim; d++) {
                scale[d] += Math.pow(v[d] - mean[d], 2) / vectors.size();
            }
        }
        for (int d = 0; d < dim; d++) {
            scale[d] = Math.max(Math.sqrt(scale[d]), 1e-6);
        }
        double[][] z = new double[vectors.size()][dim];
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            for (int d = 0; d < dim; d++) {
                z[i][d] = (v[d] - mean[d]) / scale[d];
            }
        }
        NewtonLogisticRegression.Fit warm =
                start == null
                        ? null
                        : new NewtonLogisticRegression.Fit(start.weights(), start.bias(), 0);
        NewtonLogisticRegression.Fit fit =
                NewtonLogisticRegression.fit(z, truth, labels.size(), l2, warm);
        return new LinearHead(labels, mean, scale, fit.weights(), fit.bias());
    }
}
