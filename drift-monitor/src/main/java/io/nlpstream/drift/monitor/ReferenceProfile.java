package io.nlpstream.drift.monitor;

import java.util.HashMap;
import java.util.Map;

/**
 * The reference distribution drift is measured against: the confidence histogram and predicted
 * label mix of a model version's first predictions (a Flink POJO).
 */
public class ReferenceProfile {

    /** Confidence counts per equal-width bin over [0, 1]. */
    public long[] confidenceCounts = new long[0];

    /** Predicted-label counts. */
    public Map<String, Long> labelCounts = new HashMap<>();

    /** Predictions recorded so far. */
    public long size;

    public ReferenceProfile() {}

    public ReferenceProfile(int bins) {
        this.confidenceCounts = new long[bins];
    }

    public double[] confidenceCountsAsDoubles() {
        double[] out = new double[confidenceCounts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = confidenceCounts[i];
        }
        return out;
    }
}
