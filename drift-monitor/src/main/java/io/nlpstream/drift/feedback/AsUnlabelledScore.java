package io.nlpstream.drift.feedback;

import io.nlpstream.schemas.ScoredEvent;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A scored event as a {@link LabelledScore} without a true label, its text cut to the first
 * characters (none when 0): what label-free adaptation learns from and is judged on.
 */
public class AsUnlabelledScore implements MapFunction<ScoredEvent, LabelledScore> {
    private static final long serialVersionUID = 1L;

    private final int keepTextChars;

    public AsUnlabelledScore(int keepTextChars) {
        this.keepTextChars = keepTextChars;
    }

    @Override
    public LabelledScore map(ScoredEvent scored) {
        return LabelledScore.fromPrediction(scored).withTextCut(keepTextChars);
    }
}
