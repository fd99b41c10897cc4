package io.nlpstream.drift.detectors;

/**
 * Page-Hinkley test for an increase of the mean: m_t = sum (x_i - mean_i - delta), alarm when m_t -
 * min m exceeds lambda; the test restarts after an alarm. Getters and setters exist for Flink's
 * POJO serializer.
 */
public class PageHinkley implements ChangeDetector {

    private double delta;
    private double lambda;
    private long minInstances;
    private long count;
    private double mean;
    private double cumulative;
    private double minimum;
    private long detections;

    /** For the POJO serializer. */
    public PageHinkley() {
        this(0.02, 50.0, 30);
    }

    /**
     * @param delta magnitude of change tolerated
     * @param lambda alarm threshold
     * @param minInstances values seen before any alarm
     */
    public PageHinkley(double delta, double lambda, long minInstances) {
        if (delta < 0 || !(lambda > 0) || minInstances < 1) {
            throw new IllegalArgumentException(
                    "Page-Hinkley needs delta >= 0, lambda > 0 and minInstances >= 1");
        }
        this.delta = delta;
        this.lambda = lambda;
        this.minInstances = minInstances;
    }

    @Override
    public boolean update(double value) {
        count++;
        mean += (value - mean) / count;
        cumulative += value - mean - delta;
        minimum = Math.min(minimum, cumulative);
        if (count >= minInstances && cumulative - minimum > lambda) {
            detections++;
            count = 0;
            mean = 0.0;
            cumulative = 0.0;
            minimum = 0.0;
            return true;
        }
        return false;
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

    public double getLambda() {
        return lambda;
    }

    public void setLambda(double lambda) {
        this.lambda = lambda;
    }

    public long getMinInstances() {
        return minInstances;
    }

    public void setMinInstances(long minInstances) {
        this.minInstances = minInstances;
    }

    public long getCount() {
        return count;
    }

    public void setCount(long count) {
        this.count = count;
    }

    public double getMean() {
        return mean;
    }

    public void setMean(double mean) {
        this.mean = mean;
    }

    public double getCumulative() {
        return cumulative;
    }

    public void setCumulative(double cumulative) {
        this.cumulative = cumulative;
    }

    public double getMinimum() {
        return minimum;
    }

    public void setMinimum(double minimum) {
        this.minimum = minimum;
    }
}
