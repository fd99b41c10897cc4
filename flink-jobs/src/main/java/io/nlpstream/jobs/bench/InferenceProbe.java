package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.local.FlinkRest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The inference operator's metrics, read from the job's REST API (average over its subtasks): the
 * mean micro-batch size, the real and padded tokens it ran, and the batching controller's gauges. A
 * metric the operator does not export stays null.
 */
final class InferenceProbe {
    static final String MEAN_BATCH = "batchSize_mean";
    static final String TOKENS_REAL = "tokensReal";
    static final String TOKENS_PADDED = "tokensPadded";
    static final String PADDING_WASTE = "paddingWaste";
    static final String CHOSEN_BATCH_SIZE = "chosenBatchSize";
    static final String PREDICTED_LATENCY_MS = "predictedLatencyMs";
    static final String OBSERVED_P99_MS = "observedP99Ms";

    private static final List<String> METRICS =
            List.of(
                    MEAN_BATCH,
                    TOKENS_REAL,
                    TOKENS_PADDED,
                    PADDING_WASTE,
                    CHOSEN_BATCH_SIZE,
                    PREDICTED_LATENCY_MS,
                    OBSERVED_P99_MS);

    private final FlinkRest rest;
    private final Map<String, Double> last = Collections.synchronizedMap(new LinkedHashMap<>());

    InferenceProbe(FlinkRest rest) {
        this.rest = rest;
    }

    /**
     * Asks for the mean micro-batch once; cheap enough to repeat while a phase runs, and it keeps
     * the web monitor's metric fetcher warm, so the values {@link #pollAll} reads are current.
     */
    void pollMeanBatch() {
        poll(MEAN_BATCH);
    }

    /**
     * Asks for every metric once, as a phase ends; each absent one costs REST calls, so not in the
     * progress loop.
     */
    void pollAll() {
        METRICS.forEach(this::poll);
    }

    private void poll(String metric) {
        OptionalDouble value = rest.operatorMetric("inference", "." + metric);
        if (value.isPresent()) {
            last.put(metric, value.getAsDouble());
        }
    }

    /** The last mean micro-batch the job reported, null if none yet. */
    Double meanBatch() {
        return last.get(MEAN_BATCH);
    }

    /** Every metric null: a phase that never got to ask. */
    static Map<String, Double> none() {
        Map<String, Double> out = new LinkedHashMap<>();
        METRICS.forEach(metric -> out.put(metric, null));
        return out;
    }

    /** The last value of every metric, null where the operator reported none. */
    Map<String, Double> lastValues() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String metric : METRICS) {
            out.put(metric, last.get(metric));
        }
        return out;
    }
}
