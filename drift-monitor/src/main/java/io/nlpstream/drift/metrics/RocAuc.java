package io.nlpstream.drift.metrics;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exact ROC AUC: binary by average ranks (ties count one half), one-vs-rest macro for many classes.
 */
public final class RocAuc {

    private RocAuc() {}

    /**
     * Binary ROC AUC, equal to the Mann-Whitney U statistic over P positives and N negatives.
     *
     * @return the AUC, or {@code NaN} when the positives or the negatives are missing
     */
    public static double binary(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        long positives = 0;
        double positiveRankSum = 0.0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            // Ranks are 1-based; a run of ties i..j shares the average rank.
            double averageRank = (i + j + 2) / 2.0;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /**
     * One-vs-rest macro ROC AUC: the mean of the binary AUCs of every class that has both positives
     * and negatives among the true labels; a class missing from a score map scores 0.
     *
     * @return the macro AUC, or {@code NaN} when no class qualifies
     */
    public static double oneVsRestMacro(List<Map<String, Double>> scores, List<String> trueLabels) {
        if (scores.size() != trueLabels.size()) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        Set<String> classes = new LinkedHashSet<>(trueLabels);
        for (Map<String, Double> map : scores) {
            classes.addAll(map.keySet());
        }
        int n = scores.size();
        double sum = 0.0;
        int counted = 0;
        double[] classScores = new double[n];
        boolean[] positive = new boolean[n];
        for (String c : classes) {
            for (int i = 0; i < n; i++) {
                classScores[i] = scores.get(i).getOrDefault(c, 0.0);
                positive[i] = c.equals(trueLabels.get(i));
            }
            double auc = binary(classScores, positive);
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }
}
