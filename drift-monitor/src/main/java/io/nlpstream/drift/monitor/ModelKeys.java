package io.nlpstream.drift.monitor;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ScoredEvent;
import org.apache.flink.api.java.functions.KeySelector;

/** Key selectors that put a model version's predictions and labelled scores on one key. */
public final class ModelKeys {

    private ModelKeys() {}

    /** The key of a model version: {@code modelId@version}. */
    public static String of(String modelId, String modelVersion) {
        return modelId + "@" + modelVersion;
    }

    /** Keys a scored event by the model version that scored it. */
    public static final class OfScoredEvent implements KeySelector<ScoredEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ScoredEvent value) {
            return of(value.getModelId(), value.getModelVersion());
        }
    }

    /** Keys a labelled score by the model version that scored it. */
    public static final class OfLabelledScore implements KeySelector<LabelledScore, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(LabelledScore value) {
            return of(value.modelId, value.modelVersion);
        }
    }
}
