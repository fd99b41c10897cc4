package io.nlpstream.serving.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Held-out quality measures: accuracy, ROC AUC (binary and one-vs-rest macro), calibration error.
 */
public final class Metrics {
    private Metrics() {}

    /** Fraction of rows whose arg-max probability is the true class. */
    public static double accuracy(int[] truth, double[][] probabilities) {
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (argMax(probabilities[i]) == truth[i]) {
                correct++;
            }
        }
        return (double) correct / truth.length;
    }

    /**
     * Area under the ROC curve of {@code score} for the positives (Mann-Whitney, ties counted
     * half).
     */
    public static double auc(boolean[] positive, double[] score) {
        Integer[] order = IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = score.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0)
                / ((double) positives * negatives);
    }

    /** Binary AUC of class 1, or the one-vs-rest macro average over classes for more. */
    public static double auc(int[] truth, double[][] probabilities) {
        int classes = probabilities[0].length;
        if (classes == 2) {
            return classAuc(truth, probabilities, 1);
        }
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            double a = classAuc(truth, probabilities, c);
            if (!Double.isNaN(a)) {
                sum += a;
                counted++;
            }
        }
        return sum / counted;
    }

    /** One-vs-rest AUC of class {@code c}. */
    public static double classAuc(int[] truth, double[][] probabilities, int c) {
        boolean[] positive = new boolean[truth.length];
        double[] score = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            positive[i] = truth[i] == c;
            score[i] = probabilities[i][c];
        }
        return auc(positive, score);
    }

    /**
     * Expected calibration error of the top-label confidence over {@code bins} equal-width bins.
     */
    public static double ece(int[] truth, double[][] probabilities, int bins) {
        double[] confidence = new double[bins];
        double[] correct = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < truth.length; i++) {
            int top = argMax(probabilities[i]);
            double p = probabilities[i][top];
            int bin = Math.min(bins - 1, (int) (p * bins));
            confidence[bin] += p;
            correct[bin] += top == truth[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(correct[b] - confidence[b]) / truth.length;
            }
        }
        return ece;
    }

    /** Mean negative log-likelihood of the true classes. */
    public static double logLoss(int[] truth, double[][] probabilities) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum -= Math.log(Math.max(probabilities[i][truth[i]], 1e-15));
        }
        return sum / truth.length;
    }

    /** Spearman rank correlation of two score vectors (Pearson correlation of their ranks). */
    public static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double mean = (a.length + 1) / 2.0;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (ra[i] - mean) * (rb[i] - mean);
            va += (ra[i] - mean) * (ra[i] - mean);
            vb += (rb[i] - mean) * (rb[i] - mean);
        }
        return va == 0 || vb == 0 ? Double.NaN : cov / Math.sqrt(va * vb);
    }

    /** Ranks from 1, ties given their average rank. */
    private static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] out = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                out[order[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return out;
    }

    public static int argMax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }
}
