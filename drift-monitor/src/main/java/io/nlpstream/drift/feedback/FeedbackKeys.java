package io.nlpstream.drift.feedback;

import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.ScoredEvent;
import org.apache.flink.api.java.functions.KeySelector;

/** Key selectors that put a scored event and its feedback on the same key: the event id. */
public final class FeedbackKeys {

    private FeedbackKeys() {}

    /** Keys a scored event by its event id. */
    public static final class ScoredEventId implements KeySelector<ScoredEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ScoredEvent value) {
            return value.getEvent().getId();
        }
    }

    /** Keys feedback by the id of the event it labels. */
    public static final class FeedbackId implements KeySelector<Feedback, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Feedback value) {
            return value.getId();
        }
    }
}
