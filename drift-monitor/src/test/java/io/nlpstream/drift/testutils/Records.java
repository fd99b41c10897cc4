package io.nlpstream.drift.testutils;

import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import java.util.HashMap;
import java.util.Map;

/** Builders of the Avro records the tests feed to the operators. */
public final class Records {

    private Records() {}

    /** A binary scored event: probability {@code p} of "pos", 1 - p of "neg". */
    public static ScoredEvent binary(String id, String version, double p, long eventTime) {
        Map<String, Double> scores = new HashMap<>();
        scores.put("pos", p);
        scores.put("neg", 1.0 - p);
        return scored(id, "m", version, scores, eventTime, false);
    }

    public static ScoredEvent scored(
            String id,
            String modelId,
            String version,
            Map<String, Double> scores,
            long eventTime,
            boolean review) {
        String top = null;
        double best = -1;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (e.getValue() > best || (e.getValue() == best && e.getKey().compareTo(top) < 0)) {
                best = e.getValue();
                top = e.getKey();
            }
        }
        TextEvent event =
                TextEvent.newBuilder()
                        .setId(id)
                        .setText("text " + id)
                        .setEventTime(eventTime)
                        .build();
        return ScoredEvent.newBuilder()
                .setEvent(event)
                .setLabel(top)
                .setConfidence(best)
                .setScores(scores)
                .setModelId(modelId)
                .setModelVersion(version)
                .setInferenceStart(eventTime)
                .setInferenceEnd(eventTime)
                .setReviewReason(review ? "LOW_CONFIDENCE" : null)
                .build();
    }

    public static Feedback feedback(String id, String label, long time) {
        return Feedback.newBuilder().setId(id).setLabel(label).setTime(time).build();
    }
}
