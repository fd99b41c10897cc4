package io.nlpstream.operators.rules;

import io.nlpstream.schemas.Rule;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import java.util.HashMap;
import java.util.Map;

/** Records for rule, router and alert tests. */
public final class RuleFixtures {
    public static final long EVENT_TIME = 1_000L;
    public static final long INGEST_TIME = 2_000L;
    public static final long INFERENCE_START = 3_000L;
    public static final long INFERENCE_END = 3_050L;

    private RuleFixtures() {}

    /** A confident record from source {@code web} without metadata. */
    public static ScoredEvent scored(String id, String text, String label, double confidence) {
        return scored(id, text, label, confidence, "web", Map.of());
    }

    public static ScoredEvent scored(
            String id,
            String text,
            String label,
            double confidence,
            String source,
            Map<String, String> metadata) {
        Map<String, Double> scores = new HashMap<>();
        scores.put(label, confidence);
        scores.put("other", 1.0 - confidence);
        return ScoredEvent.newBuilder()
                .setEvent(
                        TextEvent.newBuilder()
                                .setId(id)
                                .setSource(source)
                                .setText(text)
                                .setEventTime(EVENT_TIME)
                                .setIngestTime(INGEST_TIME)
                                .setMetadata(new HashMap<>(metadata))
                                .build())
                .setLabel(label)
                .setConfidence(confidence)
                .setScores(scores)
                .setModelId("sentiment")
                .setModelVersion("1")
                .setInferenceStart(INFERENCE_START)
                .setInferenceEnd(INFERENCE_END)
                .build();
    }

    /** The same record as the router leaves it when the confidence was too low. */
    public static ScoredEvent lowConfidence(ScoredEvent scored, double threshold) {
        ScoredEvent copy = ScoredEvent.newBuilder(scored).build();
        copy.setThreshold(threshold);
        copy.setReviewReason("LOW_CONFIDENCE");
        return copy;
    }

    /** An enabled rule of priority 100, version 1. */
    public static Rule rule(String id, String kind, String expression, String action, String arg) {
        return Rule.newBuilder()
                .setId(id)
                .setKind(kind)
                .setExpression(expression)
                .setAction(action)
                .setActionArg(arg)
                .setVersion(1L)
                .build();
    }

    public static Rule withVersion(Rule rule, long version) {
        Rule copy = Rule.newBuilder(rule).build();
        copy.setVersion(version);
        return copy;
    }

    public static Rule withPriority(Rule rule, int priority) {
        Rule copy = Rule.newBuilder(rule).build();
        copy.setPriority(priority);
        return copy;
    }

    public static Rule disabled(Rule rule, long version) {
        Rule copy = withVersion(rule, version);
        copy.setEnabled(false);
        return copy;
    }

    public static Rule deleted(Rule rule, long version) {
        Rule copy = withVersion(rule, version);
        copy.setDeleted(true);
        return copy;
    }
}
