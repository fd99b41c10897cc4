package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.local.FlinkRest;
import java.util.OptionalDouble;

/** The inference operator's mean micro-batch size, read from the job's REST metrics. */
final class BatchSizeProbe {
    private final FlinkRest rest;
    private volatile Double last;

    BatchSizeProbe(FlinkRest rest) {
        this.rest = rest;
    }

    /** Asks for the metric once; keeps the value when it is a number. */
    void poll() {
        OptionalDouble mean = rest.operatorMetric("inference", "batchSize_mean");
        if (mean.isPresent() && Double.isFinite(mean.getAsDouble())) {
            last = mean.getAsDouble();
        }
    }

    /** The last mean the job reported, null if none yet. */
    Double last() {
        return last;
    }
}
