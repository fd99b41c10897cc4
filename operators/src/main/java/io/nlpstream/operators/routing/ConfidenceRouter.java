package io.nlpstream.operators.routing;

import io.nlpstream.schemas.ScoredEvent;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Sets each record's threshold and marks it LOW_CONFIDENCE when below; one output stream. */
public class ConfidenceRouter extends ProcessFunction<ScoredEvent, ScoredEvent> {
    private static final long serialVersionUID = 1L;

    /** The review reason of a record below its threshold. */
    public static final String LOW_CONFIDENCE = "LOW_CONFIDENCE";

    private final ConfidenceThresholds thresholds;
    private transient Counter lowConfidence;

    public ConfidenceRouter(ConfidenceThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds must not be null");
    }

    /** A router with the default threshold 0.9 and no overrides. */
    public ConfidenceRouter() {
        this(ConfidenceThresholds.defaults());
    }

    @Override
    public void open(OpenContext openContext) {
        lowConfidence = getRuntimeContext().getMetricGroup().counter("lowConfidence");
    }

    @Override
    public void processElement(ScoredEvent scored, Context ctx, Collector<ScoredEvent> out) {
        ScoredEvent routed = route(scored);
        if (scored.getReviewReason() == null && routed.getReviewReason() != null) {
            lowConfidence.inc();
        }
        out.collect(routed);
    }

    /**
     * The record with its threshold set and, when its confidence is below it (or not a number), the
     * review reason {@code LOW_CONFIDENCE}; a review reason set upstream is kept. The input is not
     * modified.
     */
    public ScoredEvent route(ScoredEvent scored) {
        double threshold = thresholds.thresholdFor(scored.getLabel());
        String reason = scored.getReviewReason();
        // NaN fails every comparison: a broken score must not pass as confident.
        if (reason == null && !(scored.getConfidence() >= threshold)) {
            reason = LOW_CONFIDENCE;
        }
        return new ScoredEvent(
                scored.getEvent(),
                scored.getLabel(),
                scored.getConfidence(),
                scored.getScores(),
                scored.getModelId(),
                scored.getModelVersion(),
                scored.getChunks(),
                scored.getInferenceStart(),
                scored.getInferenceEnd(),
                threshold,
                reason);
    }

    public ConfidenceThresholds thresholds() {
        return thresholds;
    }
}
