package io.nlpstream.operators.batching;

import static io.nlpstream.operators.testutils.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.testutils.KeywordClassifier;
import io.nlpstream.operators.testutils.Mailboxes;
import io.nlpstream.operators.testutils.StaticClassifierProvider;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watermarks never overtake texts: a watermark waits until every text that arrived before it has
 * left the operator, or an event-time window downstream would close before them.
 */
class MicroBatchWatermarkTest {
    private MicroBatchInferenceOperator operator;
    private TwoInputStreamOperatorTestHarness<TextEvent, ModelUpdate, ScoredEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        StaticClassifierProvider.classifier = new KeywordClassifier();
        operator =
                new MicroBatchInferenceOperator(
                        new BatchingConfig(4, 50), new StaticClassifierProvider());
        harness = Mailboxes.attach(new TwoInputStreamOperatorTestHarness<>(operator), operator);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void bufferedTextsLeaveBeforeTheFinalWatermark() throws Exception {
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.processElement1(new StreamRecord<>(event("b", "bad")));

        harness.processWatermark1(Watermark.MAX_WATERMARK);
        harness.processWatermark2(Watermark.MAX_WATERMARK);

        assertThat(order()).containsExactly("a", "b", "watermark " + Long.MAX_VALUE);
    }

    @Test
    void aWatermarkWaitsForTheTextsBeforeItAndTextsKeepTheirTimestamps() throws Exception {
        harness.processWatermark2(new Watermark(Long.MAX_VALUE - 1)); // the control input
        harness.processElement1(new StreamRecord<>(event("a", "good"), 100L));
        harness.processWatermark1(new Watermark(150L));
        harness.processElement1(new StreamRecord<>(event("b", "bad"), 200L));
        assertThat(order()).isEmpty();

        harness.setProcessingTime(50); // the batch's wait is over
        Mailboxes.settle(harness, operator::modelBusy);

        assertThat(order()).containsExactly("a@100", "watermark 150", "b@200");
    }

    @Test
    void theModelControlInputNeverHoldsEventTimeBack() throws Exception {
        // Its source has no watermarks, and control commands carry no event time: the texts'
        // watermark passes without one from the control input, and one from it changes nothing.
        harness.processWatermark1(new Watermark(150L));
        harness.processWatermark2(new Watermark(100L));
        harness.processWatermark1(new Watermark(160L));

        assertThat(order()).containsExactly("watermark 150", "watermark 160");
    }

    @Test
    void aWatermarkWithNothingWaitingPassesAtOnce() throws Exception {
        harness.processWatermark2(new Watermark(Long.MAX_VALUE - 1));
        harness.processWatermark1(new Watermark(150L));

        assertThat(order()).containsExactly("watermark 150");
    }

    private List<String> order() {
        List<String> order = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof ScoredEvent s) {
                order.add(s.getEvent().getId() + (r.hasTimestamp() ? "@" + r.getTimestamp() : ""));
            } else if (o instanceof Watermark w) {
                order.add("watermark " + w.getTimestamp());
            }
        }
        return order;
    }
}
