package io.nlpstream.operators.rules;

import io.nlpstream.operators.DeadLetters;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.schemas.Timings;
import java.nio.ByteBuffer;

/** Builds the output records of the rule engine from a scored record and the rules' outcome. */
public final class DecisionRecords {
    /** Dead-letter stage of a record a rule dropped or whose rules failed. */
    public static final String STAGE_RULES = "RULES";

    /** Dead-letter stage of a rule update that could not be read or compiled. */
    public static final String STAGE_RULE_UPDATE = "RULE_UPDATE";

    private DecisionRecords() {}

    /** The time stamps of a record emitted at {@code emitTime}. */
    public static Timings timings(ScoredEvent scored, long emitTime) {
        TextEvent event = scored.getEvent();
        return Timings.newBuilder()
                .setEventTime(event.getEventTime())
                .setIngestTime(event.getIngestTime())
                .setInferenceStart(scored.getInferenceStart())
                .setInferenceEnd(scored.getInferenceEnd())
                .setEmitTime(emitTime)
                .build();
    }

    /** The automatic decision, in {@code queue} with that queue's {@code priority}. */
    public static Prediction prediction(
            ScoredEvent scored, RuleOutcome outcome, String queue, String priority, long emitTime) {
        TextEvent event = scored.getEvent();
        return Prediction.newBuilder()
                .setId(event.getId())
                .setSource(event.getSource())
                .setLabel(outcome.label())
                .setModelLabel(scored.getLabel())
                .setConfidence(scored.getConfidence())
                .setScores(scored.getScores())
                .setModelId(scored.getModelId())
                .setModelVersion(scored.getModelVersion())
                .setChunks(scored.getChunks())
                .setQueue(queue)
                .setPriority(priority)
                .setRulesFired(outcome.firedRuleIds())
                .setTimings(timings(scored, emitTime))
                .build();
    }

    /** The human review task, with the reason ({@code LOW_CONFIDENCE} or {@code RULE:<id>}). */
    public static ReviewTask reviewTask(
            ScoredEvent scored, RuleOutcome outcome, String reason, long emitTime) {
        TextEvent event = scored.getEvent();
        return ReviewTask.newBuilder()
                .setId(event.getId())
                .setSource(event.getSource())
                .setText(event.getText())
                .setSuggestedLabel(outcome.label())
                .setConfidence(scored.getConfidence())
                .setThreshold(scored.getThreshold())
                .setScores(scored.getScores())
                .setReason(reason)
                .setModelId(scored.getModelId())
                .setModelVersion(scored.getModelVersion())
                .setChunks(scored.getChunks())
                .setQueue(outcome.queue())
                .setRulesFired(outcome.firedRuleIds())
                .setTimings(timings(scored, emitTime))
                .build();
    }

    /**
     * The dead letter of a record the rules dropped or could not process; the original is the event
     * in Avro single-object encoding (its UTF-8 text if it cannot be encoded).
     *
     * @param errorClass {@code RULE:<id>} for a drop, the exception class for a failure
     */
    public static DeadLetter rulesDeadLetter(
            ScoredEvent scored, String reason, String errorClass, long time) {
        DeadLetter deadLetter =
                DeadLetters.fromEvent(scored.getEvent(), STAGE_RULES, reason, errorClass);
        deadLetter.setTime(time);
        return deadLetter;
    }

    /** The dead letter of a rule update that could not be read or compiled. */
    public static DeadLetter ruleUpdateDeadLetter(
            String ruleId,
            ByteBuffer original,
            String reason,
            String errorClass,
            long ingestTime,
            long time) {
        return DeadLetter.newBuilder()
                .setId(ruleId)
                .setOriginal(original)
                .setStage(STAGE_RULE_UPDATE)
                .setReason(reason)
                .setErrorClass(errorClass)
                .setIngestTime(ingestTime)
                .setTime(time)
                .build();
    }
}
