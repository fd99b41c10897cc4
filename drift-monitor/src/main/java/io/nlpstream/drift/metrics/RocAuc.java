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
     * Binary ROC AUC: the Mann-Whitney U statistic over P positives and N negatives, divided by P
     * N.
     *
     * @return the AUC, or {@code NaN} when the positives or the negatives are missing
     */
    public static double binary(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        int pi = 0;
        int ni = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                pos[pi++] = scores[i];
            } else {
                neg[ni++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        // Sweep the positives upwards, counting negatives below (1) and tied (1/2): U, as the
        // average-rank formula gives it, without boxing.
        double u = 0.0;
        int below = 0;
        int belowOrEqual = 0;
        for (double x : pos) {
            while (below < negatives && neg[below] < x) {
                below++;
            }
            if (belowOrEqual < below) {
                belowOrEqual = below;
            }
            while (belowOrEqual < negatives && neg[belowOrEqual] <= x) {
                belowOrEqual++;
            }
            u += below + 0.5 * (belowOrEqual - below);
        }
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
        // With two complementary classes both one-vs-rest AUCs are the same number: compute one.
        Iterable<String> computed =
                classes.size() == 2 && complementary(scores, classes)
                        ? Set.of(classes.iterator().next())
                        : classes;
        for (String c : computed) {
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

    private static boolean complementary(List<Map<String, Double>> scores, Set<String> classes) {
        var it = classes.iterator();
        String a = it.next();
        String b = it.next();
        for (Map<String, Double> map : scores) {
            double sum = map.getOrDefault(a, 0.0) + map.getOrDefault(b, 0.0);
            if (Math.abs(sum - 1.0) > 1e-9) {
                return false;
            }
        }
        return true;
    }
}
