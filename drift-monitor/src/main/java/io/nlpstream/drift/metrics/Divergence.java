package io.nlpstream.drift.metrics;

import java.util.Map;
import java.util.TreeSet;

/** Distances between two distributions given as counts: PSI and Jensen-Shannon distance. */
public final class Divergence {

    private static final double LN2 = Math.log(2.0);

    private Divergence() {}

    /**
     * Turns counts into proportions, smoothed so that no bin is zero: p_i = (c_i / n + eps) / (1 +
     * k eps). With {@code eps = 0} these are the plain proportions.
     */
    public static double[] smoothedProportions(double[] counts, double eps) {
        if (eps < 0) {
            throw new IllegalArgumentException("eps must not be negative, got " + eps);
        }
        double total = 0.0;
        for (double c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("counts must not be negative");
            }
            total += c;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("counts must not all be zero");
        }
        double norm = 1.0 + counts.length * eps;
        double[] p = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            p[i] = (counts[i] / total + eps) / norm;
        }
        return p;
    }

    /**
     * Population stability index: sum of (a_i - e_i) ln(a_i / e_i) over the smoothed proportions of
     * the expected (reference) and actual counts.
     */
    public static double psi(double[] expectedCounts, double[] actualCounts, double eps) {
        checkSameLength(expectedCounts, actualCounts);
        if (!(eps > 0)) {
            throw new IllegalArgumentException("PSI needs eps > 0, got " + eps);
        }
        double[] e = smoothedProportions(expectedCounts, eps);
        double[] a = smoothedProportions(actualCounts, eps);
        double psi = 0.0;
        for (int i = 0; i < e.length; i++) {
            psi += (a[i] - e[i]) * Math.log(a[i] / e[i]);
        }
        return psi;
    }

    /**
     * Jensen-Shannon distance in base 2, in [0, 1]: sqrt(KL(p||m)/2 + KL(q||m)/2) with m = (p+q)/2,
     * over the smoothed proportions ({@code eps = 0} gives the unsmoothed distance, as SciPy's
     * {@code jensenshannon(p, q, base=2)}).
     */
    public static double jensenShannonDistance(double[] pCounts, double[] qCounts, double eps) {
        checkSameLength(pCounts, qCounts);
        double[] p = smoothedProportions(pCounts, eps);
        double[] q = smoothedProportions(qCounts, eps);
        double divergence = 0.0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2.0;
            divergence += 0.5 * klTerm(p[i], m) + 0.5 * klTerm(q[i], m);
        }
        return Math.sqrt(Math.max(0.0, divergence / LN2));
    }

    /** Counts of two label mixes laid out over the sorted union of their labels: [a, b]. */
    public static double[][] alignedCounts(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> labels = new TreeSet<>(a.keySet());
        labels.addAll(b.keySet());
        double[][] out = new double[2][labels.size()];
        int i = 0;
        for (String label : labels) {
            out[0][i] = a.getOrDefault(label, 0L);
            out[1][i] = b.getOrDefault(label, 0L);
            i++;
        }
        return out;
    }

    private static double klTerm(double x, double m) {
        return x > 0 ? x * Math.log(x / m) : 0.0;
    }

    private static void checkSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "distributions differ in length: " + a.length + " and " + b.length);
        }
    }
}
