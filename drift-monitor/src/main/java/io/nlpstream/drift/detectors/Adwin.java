package io.nlpstream.drift.detectors;

import java.util.ArrayList;
import java.util.List;

/**
 * ADWIN (Bifet and Gavaldà, 2007): an adaptive window that drops its oldest part whenever two
 * sub-windows have means that differ by more than a Bernstein bound at confidence {@code delta}.
 *
 * <p>The window is an exponential histogram: at most {@code maxBuckets} buckets of each size 2^i,
 * kept oldest first, so memory and the cut check are O(maxBuckets log W). The cut is checked every
 * {@code clock} values at every bucket boundary, with the bound of the River/MOA implementation:
 * eps = sqrt(2 m v d) + 2/3 d m, where d = ln(2 ln(W) / delta), v the window variance and m = 1/(n0
 * - minLen + 1) + 1/(n1 - minLen + 1). Getters and setters exist for Flink's POJO serializer.
 */
public class Adwin implements ChangeDetector {

    private double delta;
    private int maxBuckets;
    private int clock;
    private int minWindowLength;
    private long width;
    private double total;
    private double variance;
    private long ticks;
    private long detections;
    private List<AdwinBucket> buckets = new ArrayList<>();

    /** For the POJO serializer. */
    public Adwin() {
        this(0.002);
    }

    public Adwin(double delta) {
        this(delta, 5, 32, 5);
    }

    public Adwin(double delta, int maxBuckets, int clock, int minWindowLength) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        if (maxBuckets < 2 || clock < 1 || minWindowLength < 1) {
            throw new IllegalArgumentException(
                    "maxBuckets must be >= 2, clock and minWindowLength >= 1");
        }
        this.delta = delta;
        this.maxBuckets = maxBuckets;
        this.clock = clock;
        this.minWindowLength = minWindowLength;
    }

    @Override
    public boolean update(double value) {
        width++;
        if (width > 1) {
            double oldMean = total / (width - 1);
            variance += (width - 1) * (value - oldMean) * (value - oldMean) / width;
        }
        total += value;
        buckets.add(new AdwinBucket(1, value, 0.0));
        compress();
        ticks++;
        if (ticks % clock != 0 || width <= minWindowLength) {
            return false;
        }
        boolean changed = false;
        while (cutOnce()) {
            changed = true;
        }
        if (changed) {
            detections++;
        }
        return changed;
    }

    /** Mean of the values in the current window. */
    public double estimation() {
        return width == 0 ? 0.0 : total / width;
    }

    /** Merges the two oldest buckets of a size whenever there are more than maxBuckets of it. */
    private void compress() {
        int end = buckets.size();
        while (end > 0) {
            long size = buckets.get(end - 1).size;
            int start = end - 1;
            while (start > 0 && buckets.get(start - 1).size == size) {
                start--;
            }
            if (end - start <= maxBuckets) {
                return;
            }
            AdwinBucket merged = buckets.get(start).merge(buckets.get(start + 1));
            buckets.set(start, merged);
            buckets.remove(start + 1);
            // The merged bucket now belongs to the next larger size's run, which ends at start + 1.
            end = start + 1;
        }
    }

    /** Drops the oldest bucket if some split of the window shows a change. */
    private boolean cutOnce() {
        if (buckets.size() < 2) {
            return false;
        }
        long n0 = 0;
        double sum0 = 0.0;
        double windowVariance = variance / width;
        double d = Math.log(2.0 * Math.log(width) / delta);
        for (int i = 0; i < buckets.size() - 1; i++) {
            AdwinBucket b = buckets.get(i);
            n0 += b.size;
            sum0 += b.total;
            long n1 = width - n0;
            if (n0 < minWindowLength || n1 < minWindowLength) {
                continue;
            }
            double diff = Math.abs(sum0 / n0 - (total - sum0) / n1);
            double m = 1.0 / (n0 - minWindowLength + 1) + 1.0 / (n1 - minWindowLength + 1);
            double epsilon = Math.sqrt(2.0 * m * windowVariance * d) + 2.0 / 3.0 * d * m;
            if (diff > epsilon) {
                dropOldest();
                return true;
            }
        }
        return false;
    }

    private void dropOldest() {
        AdwinBucket oldest = buckets.remove(0);
        width -= oldest.size;
        total -= oldest.total;
        if (width == 0) {
            variance = 0.0;
            return;
        }
        double diff = oldest.mean() - total / width;
        variance -= oldest.variance + oldest.size * width * diff * diff / (oldest.size + width);
        variance = Math.max(0.0, variance);
    }

    @Override
    public long getDetections() {
        return detections;
    }

    public void setDetections(long detections) {
        this.detections = detections;
    }

    public double getDelta() {
        return delta;
    }

    public void setDelta(double delta) {
        this.delta = delta;
    }

    public int getMaxBuckets() {
        return maxBuckets;
    }

    public void setMaxBuckets(int maxBuckets) {
        this.maxBuckets = maxBuckets;
    }

    public int getClock() {
        return clock;
    }

    public void setClock(int clock) {
        this.clock = clock;
    }

    public int getMinWindowLength() {
        return minWindowLength;
    }

    public void setMinWindowLength(int minWindowLength) {
        this.minWindowLength = minWindowLength;
    }

    /** Number of values in the current window. */
    public long getWidth() {
        return width;
    }

    public void setWidth(long width) {
        this.width = width;
    }

    public double getTotal() {
        return total;
    }

    public void setTotal(double total) {
        this.total = total;
    }

    public double getVariance() {
        return variance;
    }

    public void setVariance(double variance) {
        this.variance = variance;
    }

    public long getTicks() {
        return ticks;
    }

    public void setTicks(long ticks) {
        this.ticks = ticks;
    }

    public List<AdwinBucket> getBuckets() {
        return buckets;
    }

    public void setBuckets(List<AdwinBucket> buckets) {
        this.buckets = buckets;
    }
}
