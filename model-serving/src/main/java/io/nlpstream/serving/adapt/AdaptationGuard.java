package io.nlpstream.serving.adapt;

import io.nlpstream.serving.train.Metrics;
import java.util.Arrays;
import java.util.Locale;

/**
 * The label-free check a self-trained head must pass before it may replace its base head: its
 * ranking of the target texts must still agree with the base head's, and the share of texts it
 * predicts for each class must stay near the base head's. Self-training can reinforce its own
 * mistakes (one class swallowing the others, a ranking turned upside down); both show up here
 * without a single label.
 *
 * @param minAgreement least Spearman correlation of the two heads' scores on the target texts
 * @param maxShareShift largest change, in share of the texts, of any class's predicted share
 */
public record AdaptationGuard(double minAgreement, double maxShareShift) {
    /**
     * Defaults: agreement at least 0.9 (adaptation may refine the base head's ranking, not redo
     * it), class shares within 0.2 of the base head's.
     */
    public static final AdaptationGuard DEFAULT = new AdaptationGuard(0.9, 0.2);

    /**
     * The outcome.
     *
     * @param passed whether the adapted head may be used
     * @param agreement Spearman correlation with the base head (mean over classes for more than
     *     two)
     * @param baseShares share of the texts the base head predicts for each class
     * @param adaptedShares the same for the adapted head
     * @param reason why it passed or failed, with the figures
     */
    public record Verdict(
            boolean passed,
            double agreement,
            double[] baseShares,
            double[] adaptedShares,
            String reason) {}

    /** Checks the adapted head's probabilities against the base head's on the same texts. */
    public Verdict check(double[][] base, double[][] adapted) {
        double agreement = SelfTraining.agreement(base, adapted);
        double[] baseShares = shares(base);
        double[] adaptedShares = shares(adapted);
        double shift = 0;
        for (int c = 0; c < baseShares.length; c++) {
            shift = Math.max(shift, Math.abs(adaptedShares[c] - baseShares[c]));
        }
        boolean agrees = agreement >= minAgreement;
        boolean balanced = shift <= maxShareShift;
        String reason =
                String.format(
                        Locale.ROOT,
                        "rank agreement with the base head %.3f (least %.2f), predicted class shares"
                                + " %s vs base %s (largest change %.3f, most %.2f)",
                        agreement,
                        minAgreement,
                        format(adaptedShares),
                        format(baseShares),
                        shift,
                        maxShareShift);
        return new Verdict(agrees && balanced, agreement, baseShares, adaptedShares, reason);
    }

    private static double[] shares(double[][] probabilities) {
        double[] out = new double[probabilities[0].length];
        for (double[] p : probabilities) {
            out[Metrics.argMax(p)] += 1.0 / probabilities.length;
        }
        return out;
    }

    private static String format(double[] shares) {
        return Arrays.toString(
                Arrays.stream(shares)
                        .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                        .toArray());
    }
}
