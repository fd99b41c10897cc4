package io.nlpstream.drift.monitor;

import io.nlpstream.schemas.ScoredEvent;
import java.util.HashMap;
import java.util.Map;

/** What the monitor keeps of one scored event in its prediction window (a Flink POJO). */
public class PredictionPoint {

    /** Event time, epoch milliseconds. */
    public long eventTime;

    /** The model's top label. */
    public String label;

    /** Calibrated probability of that label. */
    public double confidence;

    /** Calibrated probability of every label. */
    public Map<String, Double> scores = new HashMap<>();

    /** True when the record was sent to human review. */
    public boolean reviewed;

    public PredictionPoint() {}

    public static PredictionPoint of(ScoredEvent scored) {
        PredictionPoint p = new PredictionPoint();
        p.eventTime = scored.getEvent().getEventTime();
        p.label = scored.getLabel();
        p.confidence = scored.getConfidence();
        p.scores = new HashMap<>(scored.getScores());
        p.reviewed = scored.getReviewReason() != null;
        return p;
    }
}
