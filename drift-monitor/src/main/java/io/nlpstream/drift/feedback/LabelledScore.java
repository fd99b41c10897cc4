package io.nlpstream.drift.feedback;

import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ScoredEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** A model's output for one event joined with the event's true label (a Flink POJO). */
public class LabelledScore {

    /** Id of the scored event. */
    public String id;

    public String modelId;
    public String modelVersion;

    /** The model's top label. */
    public String predictedLabel;

    /** The true label; null while (or when) no feedback was joined. */
    public String trueLabel;

    /** Calibrated probability of the predicted label. */
    public double confidence;

    /** Calibrated probability of every label. */
    public Map<String, Double> scores = new HashMap<>();

    /** True when the record was sent to human review. */
    public boolean reviewed;

    /** The scored text, so a retrainer can learn from labelled records. */
    public String text;

    /** Event time of the scored event, epoch milliseconds. */
    public long eventTime;

    /** When the true label was given, epoch milliseconds; 0 without one. */
    public long labelTime;

    public LabelledScore() {}

    /** The prediction part of a scored event, still without a true label. */
    public static LabelledScore fromPrediction(ScoredEvent scored) {
        LabelledScore s = new LabelledScore();
        s.id = scored.getEvent().getId();
        s.modelId = scored.getModelId();
        s.modelVersion = scored.getModelVersion();
        s.predictedLabel = scored.getLabel();
        s.confidence = scored.getConfidence();
        s.scores = new HashMap<>(scored.getScores());
        s.reviewed = scored.getReviewReason() != null;
        s.eventTime = scored.getEvent().getEventTime();
        s.text = scored.getEvent().getText();
        return s;
    }

    /** This prediction with the feedback's label. */
    public LabelledScore withFeedback(Feedback feedback) {
        LabelledScore s = new LabelledScore();
        s.id = id;
        s.modelId = modelId;
        s.modelVersion = modelVersion;
        s.predictedLabel = predictedLabel;
        s.trueLabel = feedback.getLabel();
        s.confidence = confidence;
        s.scores = new HashMap<>(scores);
        s.reviewed = reviewed;
        s.eventTime = eventTime;
        s.text = text;
        s.labelTime = feedback.getTime();
        return s;
    }

    /**
     * This record with at most the first {@code maxChars} characters of its text (none when 0), so
     * that state that does not learn from the text does not keep it.
     */
    public LabelledScore withTextCut(int maxChars) {
        LabelledScore s = copy();
        if (s.text != null && s.text.length() > maxChars) {
            s.text = maxChars == 0 ? null : s.text.substring(0, maxChars);
        }
        return s;
    }

    /** This record without its text. */
    public LabelledScore withoutText() {
        return withTextCut(0);
    }

    private LabelledScore copy() {
        LabelledScore s = new LabelledScore();
        s.id = id;
        s.modelId = modelId;
        s.modelVersion = modelVersion;
        s.predictedLabel = predictedLabel;
        s.trueLabel = trueLabel;
        s.confidence = confidence;
        s.scores = new HashMap<>(scores);
        s.reviewed = reviewed;
        s.eventTime = eventTime;
        s.text = text;
        s.labelTime = labelTime;
        return s;
    }

    /** The model id, as a key selector for per-model operators. */
    public String modelIdKey() {
        return modelId;
    }

    /** True when the model's label was the true one. */
    public boolean isCorrect() {
        return predictedLabel != null && predictedLabel.equals(trueLabel);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LabelledScore)) {
            return false;
        }
        LabelledScore that = (LabelledScore) o;
        return Double.compare(that.confidence, confidence) == 0
                && reviewed == that.reviewed
                && eventTime == that.eventTime
                && labelTime == that.labelTime
                && Objects.equals(id, that.id)
                && Objects.equals(modelId, that.modelId)
                && Objects.equals(modelVersion, that.modelVersion)
                && Objects.equals(predictedLabel, that.predictedLabel)
                && Objects.equals(trueLabel, that.trueLabel)
                && Objects.equals(text, that.text)
                && Objects.equals(scores, that.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, modelId, modelVersion, predictedLabel, trueLabel, eventTime);
    }

    @Override
    public String toString() {
        return "LabelledScore{id="
                + id
                + ", model="
                + modelId
                + "@"
                + modelVersion
                + ", predicted="
                + predictedLabel
                + ", true="
                + trueLabel
                + ", confidence="
                + confidence
                + "}";
    }
}
