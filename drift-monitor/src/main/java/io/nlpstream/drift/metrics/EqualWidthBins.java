package io.nlpstream.drift.metrics;

/** Equal-width bins over [0, 1]; bin b holds [b/B, (b+1)/B), the last bin also holds 1. */
public final class EqualWidthBins {

    private final int bins;

    public EqualWidthBins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        this.bins = bins;
    }

    public int size() {
        return bins;
    }

    /** The bin of a value; values outside [0, 1] go to the first or last bin. */
    public int binOf(double value) {
        if (!(value > 0.0)) {
            return 0;
        }
        int b = (int) Math.floor(value * bins);
        return Math.min(b, bins - 1);
    }

    /** Counts of values per bin. */
    public double[] counts(double[] values) {
        double[] counts = new double[bins];
        for (double v : values) {
            counts[binOf(v)]++;
        }
        return counts;
    }
}
