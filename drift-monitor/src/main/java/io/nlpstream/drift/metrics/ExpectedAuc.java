package io.nlpstream.drift.metrics;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Label-free ROC AUC estimate from calibrated probabilities, in the spirit of NannyML's CBPE.
 *
 * <p>Each record i is taken to be positive with its calibrated probability p_i, independently. The
 * realised AUC is sum_{i != j} y_i (1 - y_j) K(s_i, s_j) / (P N), with K = 1 when s_i > s_j and 1/2
 * on a tie. Both the numerator and P N = sum_{i != j} y_i (1 - y_j) have exact expectations,
 * obtained by replacing y by p; their ratio is the estimate (the expected TPR/FPR curve's area).
 */
public final class ExpectedAuc {

    private ExpectedAuc() {}

    /** Estimate when the score is the calibrated probability itself. */
    public static double binary(double[] probabilities) {
        return binary(probabilities, probabilities);
    }

    /**
     * @param scores the ranking score of each record
     * @param probabilities calibrated probability that each record is positive
     * @return the expected AUC, or {@code NaN} when no positive/negative pair has weight
     */
    public static double binary(double[] scores, double[] probabilities) {
        if (scores.length != probabilities.length) {
            throw new IllegalArgumentException("scores and probabilities differ in length");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double negativeBelow = 0.0;
        double numerator = 0.0;
        double sumP = 0.0;
        double sumQ = 0.0;
        double sumPQ = 0.0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double groupNegative = 0.0;
            for (int k = i; k <= j; k++) {
                groupNegative += 1.0 - probabilities[order[k]];
            }
            for (int k = i; k <= j; k++) {
                double p = probabilities[order[k]];
                double q = 1.0 - p;
                // Ties with the other members of the group weigh one half; a record never pairs
                // with
                // itself.
                numerator += p * (negativeBelow + 0.5 * (groupNegative - q));
                sumP += p;
                sumQ += q;
                sumPQ += p * q;
            }
            negativeBelow += groupNegative;
            i = j + 1;
        }
        double denominator = sumP * sumQ - sumPQ;
        if (!(denominator > 1e-12)) {
            return Double.NaN;
        }
        return numerator / denominator;
    }

    /**
     * One-vs-rest macro estimate over every class named in the score maps; a class's probability is
     * also its score, and a class missing from a map has probability 0.
     */
    public static double oneVsRestMacro(List<Map<String, Double>> scores) {
        Set<String> classes = new LinkedHashSet<>();
        for (Map<String, Double> map : scores) {
            classes.addAll(map.keySet());
        }
        int n = scores.size();
        double[] p = new double[n];
        double sum = 0.0;
        int counted = 0;
        for (String c : classes) {
            for (int i = 0; i < n; i++) {
                p[i] = clamp(scores.get(i).getOrDefault(c, 0.0));
            }
            double auc = binary(p, p);
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    private static double clamp(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }
}
