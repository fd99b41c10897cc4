package io.nlpstream.operators.batching;

import static io.nlpstream.operators.testutils.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.testutils.KeywordClassifier;
import io.nlpstream.operators.testutils.StaticClassifierProvider;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The end-of-input watermark arrives before the end of input itself: buffered texts must leave
 * before it, or every event-time window downstream has closed when they arrive.
 */
class MicroBatchWatermarkTest {
    @Test
    void bufferedTextsLeaveBeforeTheFinalWatermark() throws Exception {
        StaticClassifierProvider.classifier = new KeywordClassifier();
        try (TwoInputStreamOperatorTestHarness<TextEvent, ModelUpdate, ScoredEvent> harness =
                new TwoInputStreamOperatorTestHarness<>(
                        new MicroBatchInferenceOperator(
                                new BatchingConfig(4, 50), new StaticClassifierProvider()))) {
            harness.open();
            harness.processElement1(new StreamRecord<>(event("a", "good")));
            harness.processElement1(new StreamRecord<>(event("b", "bad")));

            harness.processWatermark1(Watermark.MAX_WATERMARK);
            harness.processWatermark2(Watermark.MAX_WATERMARK);

            List<String> order = new ArrayList<>();
            for (Object o : harness.getOutput()) {
                if (o instanceof StreamRecord<?> r && r.getValue() instanceof ScoredEvent s) {
                    order.add(s.getEvent().getId());
                } else if (o instanceof Watermark w) {
                    order.add("watermark " + w.getTimestamp());
                }
            }
            assertThat(order).containsExactly("a", "b", "watermark " + Long.MAX_VALUE);
        }
    }
}
