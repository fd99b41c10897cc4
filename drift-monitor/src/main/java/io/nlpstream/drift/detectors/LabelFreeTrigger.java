package io.nlpstream.drift.detectors;

import java.io.Serializable;

/**
 * Decides when a model that gets no labels should adapt itself: after every emitted window it
 * compares the label-free estimated AUC with the model version's reference and the PSI against the
 * reference profile, and fires when either stayed beyond its bound for {@code windows} windows in a
 * row while no label came for {@code noLabelsMillis}. A Flink POJO in the monitor's keyed state.
 *
 * <p>Both signals are needed: the estimated AUC falls when the model's scores crowd towards the
 * middle (it sees it separates the texts less well), but after a concept shift it keeps believing
 * its old calibration; the PSI of the confidence histogram or of the predicted-label mix moves in
 * both cases. Several windows in a row keep one noisy window from starting an adaptation.
 */
public class LabelFreeTrigger {

    /**
     * When it fires.
     *
     * @param estimatedAucDrop relative drop of the estimated AUC below the reference that counts
     *     (0.05 = 5 %)
     * @param maxPsi a PSI (confidence or predicted labels) above this counts (0.25: the usual bound
     *     of a major shift)
     * @param windows emitted windows in a row that must count
     * @param cooldownWindows windows after a fire in which it cannot fire again
     * @param noLabelsMillis processing time without any labelled record of the version (since its
     *     first record) after which labels count as absent
     */
    public record Settings(
            double estimatedAucDrop,
            double maxPsi,
            int windows,
            int cooldownWindows,
            long noLabelsMillis)
            implements Serializable {
        public Settings {
            if (!(estimatedAucDrop > 0 && estimatedAucDrop < 1)) {
                throw new IllegalArgumentException(
                        "estimatedAucDrop must be in (0, 1), got " + estimatedAucDrop);
            }
            if (!(maxPsi > 0)) {
                throw new IllegalArgumentException("maxPsi must be positive, got " + maxPsi);
            }
            if (windows < 1 || cooldownWindows < 0 || noLabelsMillis < 0) {
                throw new IllegalArgumentException(
                        "windows must be >= 1, cooldownWindows and noLabelsMillis >= 0");
            }
        }
    }

    /** Estimated AUC of the first window after the reference profile filled; NaN until then. */
    public double referenceEstimatedAuc = Double.NaN;

    /** Windows in a row beyond a bound. */
    public int consecutive;

    /** Windows since the last fire; -1 before the first. */
    public long windowsSinceFire = -1;

    /** Processing time of the version's first record; -1 before it. */
    public long firstSeenAt = -1;

    /** Processing time of the version's latest labelled record; -1 before it. */
    public long lastLabelledAt = -1;

    /** How many times it fired. */
    public long fires;

    public LabelFreeTrigger() {}

    /** Notes a record of the version. */
    public void seen(long now) {
        if (firstSeenAt < 0) {
            firstSeenAt = now;
        }
    }

    /** Notes a labelled record of the version. */
    public void labelled(long now) {
        lastLabelledAt = now;
    }

    /** Whether no label came for the configured time. */
    public boolean labelsAbsent(Settings settings, long now) {
        long since = lastLabelledAt >= 0 ? lastLabelledAt : firstSeenAt;
        return since >= 0 && now - since >= settings.noLabelsMillis();
    }

    /**
     * Feeds the figures of one emitted window.
     *
     * @param estimatedAuc the window's label-free AUC (NaN when unknown)
     * @param psi the larger of the window's confidence and predicted-label PSI (NaN while the
     *     reference fills)
     * @return true when an adaptation must be requested now
     */
    public boolean update(Settings settings, double estimatedAuc, double psi, long now) {
        if (Double.isNaN(psi)) {
            return false; // the reference profile is still filling
        }
        if (Double.isNaN(referenceEstimatedAuc)) {
            referenceEstimatedAuc = estimatedAuc;
            return false;
        }
        if (windowsSinceFire >= 0) {
            windowsSinceFire++;
        }
        boolean aucDropped =
                estimatedAuc < referenceEstimatedAuc * (1.0 - settings.estimatedAucDrop());
        consecutive = aucDropped || psi > settings.maxPsi() ? consecutive + 1 : 0;
        boolean cooledDown = windowsSinceFire < 0 || windowsSinceFire >= settings.cooldownWindows();
        if (consecutive >= settings.windows() && cooledDown && labelsAbsent(settings, now)) {
            consecutive = 0;
            windowsSinceFire = 0;
            fires++;
            return true;
        }
        return false;
    }
}
