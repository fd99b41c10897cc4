package io.nlpstream.serving.head;

import java.util.List;

/**
 * A linear classification head over standardised pooled vectors: {@code logits = W ((x - mean) /
 * scale) + bias}.
 *
 * @param labels label names, one per row of {@code weights}
 * @param mean per-feature mean used to standardise
 * @param scale per-feature standard deviation used to standardise
 * @param weights {@code [labels][features]}
 * @param bias one per label
 */
public record LinearHead(
        List<String> labels, double[] mean, double[] scale, double[][] weights, double[] bias) {
    public LinearHead {
        labels = List.copyOf(labels);
        if (weights.length != labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException(
                    "head has "
                            + weights.length
                            + " weight rows and "
                            + bias.length
                            + " biases for "
                            + labels.size()
                            + " labels");
        }
        for (double[] row : weights) {
            if (row.length != mean.length) {
                throw new IllegalArgumentException(
                        "weight row of " + row.length + " features, expected " + mean.length);
            }
        }
        if (scale.length != mean.length) {
            throw new IllegalArgumentException(
                    "scale has " + scale.length + " features, expected " + mean.length);
        }
    }

    /** Number of input features. */
    public int dimension() {
        return mean.length;
    }

    /** Raw (uncalibrated) logits of one pooled vector. */
    public double[] logits(float[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException(
                    "vector of " + x.length + " features, head expects " + mean.length);
        }
        double[] z = new double[x.length];
        for (int d = 0; d < x.length; d++) {
            z[d] = (x[d] - mean[d]) / scale[d];
        }
        double[] logits = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            double sum = bias[k];
            for (int d = 0; d < z.length; d++) {
                sum += weights[k][d] * z[d];
            }
            logits[k] = sum;
        }
        return logits;
    }
}
