package io.nlpstream.jobs.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, recorded with HdrHistogram (1 ms to 1 hour, 3 digits). */
public final class LatencyStats {
    private final Histogram histogram = new Histogram(3_600_000L, 3);

    public synchronized void record(long millis) {
        histogram.recordValue(Math.max(0, Math.min(millis, histogram.getHighestTrackableValue())));
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    public synchronized long percentile(double p) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(p);
    }

    /** p50, p95, p99, max and mean, for the summary. */
    public synchronized Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50", percentile(50));
        out.put("p95", percentile(95));
        out.put("p99", percentile(99));
        out.put("max", histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue());
        out.put(
                "mean",
                histogram.getTotalCount() == 0 ? 0 : Math.round(histogram.getMean() * 10) / 10.0);
        out.put("count", histogram.getTotalCount());
        return out;
    }
}
