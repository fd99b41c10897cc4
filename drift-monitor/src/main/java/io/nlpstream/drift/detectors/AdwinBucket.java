package io.nlpstream.drift.detectors;

/**
 * One bucket of ADWIN's exponential histogram: a run of values summarised by size, sum and
 * variance.
 */
public class AdwinBucket {

    /** How many values the bucket summarises (a power of two). */
    public long size;

    /** Sum of those values. */
    public double total;

    /** Sum of squared deviations of those values from their mean. */
    public double variance;

    public AdwinBucket() {}

    public AdwinBucket(long size, double total, double variance) {
        this.size = size;
        this.total = total;
        this.variance = variance;
    }

    double mean() {
        return total / size;
    }

    /** The bucket holding this one's values and an adjacent one's. */
    AdwinBucket merge(AdwinBucket other) {
        long n = size + other.size;
        double diff = mean() - other.mean();
        double v = variance + other.variance + (double) size * other.size * diff * diff / n;
        return new AdwinBucket(n, total + other.total, v);
    }
}
