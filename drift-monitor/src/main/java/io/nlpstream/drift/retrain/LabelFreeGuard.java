package io.nlpstream.drift.retrain;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.drift.metrics.ExpectedAuc;
import io.nlpstream.serving.adapt.AdaptationGuard;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Judges a shadow candidate without labels, on the records both it and the live model scored: its
 * ranking must agree with the live model's, the share of records it predicts for each class must
 * stay near the live model's ({@link AdaptationGuard}), and its label-free estimated AUC ({@link
 * ExpectedAuc}) must not fall below the live model's by more than a margin. Self-training can
 * reinforce its own mistakes (a class swallowing the others, a ranking turned upside down); these
 * are the signs of it that need no label.
 *
 * @param minPairs unlabelled records both models must have scored before the verdict
 * @param minAgreement least Spearman correlation of the two models' scores
 * @param maxShareShift largest change of any class's predicted share
 * @param maxEstimatedAucDrop largest amount the candidate's estimated AUC may lie below the live
 *     model's
 * @param noLabelsMillis the guard decides only when no labelled record of the model came for this
 *     long; otherwise the labelled comparison decides
 */
public record LabelFreeGuard(
        int minPairs,
        double minAgreement,
        double maxShareShift,
        double maxEstimatedAucDrop,
        long noLabelsMillis)
        implements Serializable {

    public LabelFreeGuard {
        if (minPairs < 2) {
            throw new IllegalArgumentException("minPairs must be >= 2, was " + minPairs);
        }
        if (!(maxEstimatedAucDrop >= 0) || noLabelsMillis < 0) {
            throw new IllegalArgumentException(
                    "maxEstimatedAucDrop and noLabelsMillis must not be negative");
        }
        new AdaptationGuard(minAgreement, maxShareShift); // same bounds as the offline check
    }

    /**
     * The outcome.
     *
     * @param passed whether the candidate may replace the live model
     * @param reason the figures and bounds
     */
    public record Verdict(boolean passed, String reason) {}

    /** Judges the candidate's scores against the live model's scores of the same records. */
    public Verdict judge(List<LabelledScore> live, List<LabelledScore> shadow) {
        TreeSet<String> labels = new TreeSet<>();
        live.forEach(s -> labels.addAll(s.scores.keySet()));
        shadow.forEach(s -> labels.addAll(s.scores.keySet()));
        List<String> order = new ArrayList<>(labels);
        AdaptationGuard.Verdict ranking =
                new AdaptationGuard(minAgreement, maxShareShift)
                        .check(probabilities(live, order), probabilities(shadow, order));
        double liveAuc = ExpectedAuc.oneVsRestMacro(scores(live));
        double shadowAuc = ExpectedAuc.oneVsRestMacro(scores(shadow));
        boolean aucHolds = !(shadowAuc < liveAuc - maxEstimatedAucDrop);
        String reason =
                String.format(
                        Locale.ROOT,
                        "label-free guard on %d unlabelled records, classes %s: %s; estimated AUC"
                                + " %.4f vs live %.4f (largest drop %.3f)",
                        live.size(),
                        order,
                        ranking.reason()
                                .replace("base head", "live model")
                                .replace(" vs base ", " vs live "),
                        shadowAuc,
                        liveAuc,
                        maxEstimatedAucDrop);
        return new Verdict(ranking.passed() && aucHolds, reason);
    }

    private static double[][] probabilities(List<LabelledScore> scores, List<String> labels) {
        double[][] out = new double[scores.size()][labels.size()];
        for (int i = 0; i < out.length; i++) {
            Map<String, Double> s = scores.get(i).scores;
            for (int c = 0; c < labels.size(); c++) {
                out[i][c] = s.getOrDefault(labels.get(c), 0.0);
            }
        }
        return out;
    }

    private static List<Map<String, Double>> scores(List<LabelledScore> scores) {
        List<Map<String, Double>> out = new ArrayList<>(scores.size());
        scores.forEach(s -> out.add(s.scores));
        return out;
    }
}
