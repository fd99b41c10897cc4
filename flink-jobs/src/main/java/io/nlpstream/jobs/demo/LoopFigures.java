package io.nlpstream.jobs.demo;

import io.nlpstream.schemas.DriftMetric;
import java.util.List;
import java.util.function.Predicate;

/** The report's figures that judge the loop: the label-free estimate's error and the recovery. */
final class LoopFigures {
    private LoopFigures() {}

    /**
     * Mean |label-free estimate - realised AUC| over the metrics of {@code version} whose whole
     * window lies in [{@code from}, {@code to}); NaN when there is none.
     */
    static double estimatedAucError(List<DriftMetric> metrics, String version, long from, long to) {
        return meanError(
                metrics, version, m -> m.getWindowStart() >= from && m.getWindowEnd() < to);
    }

    /**
     * Mean |label-free estimate - realised AUC| over the metrics of {@code version} whose window
     * ends in [{@code from}, {@code to}): what a dashboard showed in that span. Their label-free
     * window (the last 1,000 predictions by default) may still reach back before {@code from}, so
     * after a shift this is the error of the estimate as it was seen, lag included.
     */
    static double estimatedAucErrorSeen(
            List<DriftMetric> metrics, String version, long from, long to) {
        return meanError(metrics, version, m -> m.getWindowEnd() >= from && m.getWindowEnd() < to);
    }

    private static double meanError(
            List<DriftMetric> metrics, String version, Predicate<DriftMetric> inside) {
        double sum = 0;
        int n = 0;
        for (DriftMetric m : metrics) {
            if (inside.test(m)
                    && version.equals(m.getModelVersion())
                    && m.getAuc() != null
                    && m.getEstimatedAuc() != null) {
                sum += Math.abs(m.getEstimatedAuc() - m.getAuc());
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * How much of the AUC the shift cost a promotion won back, against the most a retrain could
     * reach: (after promotion - after shift) / (oracle - after shift). NaN when a figure is missing
     * or the oracle is no better than the shifted model.
     */
    static double recovery(double afterPromotion, double afterShift, double oracle) {
        double reachable = oracle - afterShift;
        if (Double.isNaN(afterPromotion) || Double.isNaN(reachable) || reachable <= 0) {
            return Double.NaN;
        }
        return (afterPromotion - afterShift) / reachable;
    }
}
