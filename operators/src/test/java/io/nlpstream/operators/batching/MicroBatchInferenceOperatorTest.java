package io.nlpstream.operators.batching;

import static io.nlpstream.operators.testutils.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.testutils.KeywordClassifier;
import io.nlpstream.operators.testutils.StaticClassifierProvider;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicroBatchInferenceOperatorTest {
    private static final BatchingConfig CONFIG = new BatchingConfig(4, 50);

    private OneInputStreamOperatorTestHarness<TextEvent, ScoredEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        StaticClassifierProvider.classifier = new KeywordClassifier();
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
        assertThat(StaticClassifierProvider.held).hasValue(0);
    }

    @Test
    void flushesWhenTheBatchIsFull() throws Exception {
        for (int i = 0; i < 3; i++) {
            harness.processElement(new StreamRecord<>(event("e" + i, "good " + i)));
        }
        assertThat(scored()).isEmpty();

        harness.processElement(new StreamRecord<>(event("e3", "bad")));

        assertThat(ids(scored())).containsExactly("e0", "e1", "e2", "e3");
        assertThat(StaticClassifierProvider.classifier.batchSizes).containsExactly(4);
        assertThat(operator().bufferedCount()).isZero();
        assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isEqualTo(1); // the stale one, harmless
    }

    @Test
    void flushesWhenTheOldestRecordHasWaitedMaxWait() throws Exception {
        harness.setProcessingTime(1_000);
        harness.processElement(new StreamRecord<>(event("a", "good")));
        harness.setProcessingTime(1_030);
        harness.processElement(new StreamRecord<>(event("b", "bad")));
        harness.setProcessingTime(1_049);
        assertThat(scored()).isEmpty();

        harness.setProcessingTime(1_050);

        List<ScoredEvent> out = scored();
        assertThat(ids(out)).containsExactly("a", "b");
        assertThat(out.get(0).getLabel()).isEqualTo("positive");
        assertThat(out.get(0).getModelId()).isEqualTo("keyword");
        assertThat(out.get(1).getLabel()).isEqualTo("negative");
        assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
    }

    @Test
    void bufferNeverHoldsMoreThanOneBatch() throws Exception {
        for (int i = 0; i < 103; i++) {
            harness.processElement(new StreamRecord<>(event("e" + i, "text " + i)));
            assertThat(operator().bufferedCount()).isLessThan(CONFIG.maxBatchSize());
        }
        assertThat(scored()).hasSize(100);
    }

    @Test
    void bufferedRecordsSurviveACheckpointAndAreScoredAfterRestore() throws Exception {
        harness.processElement(new StreamRecord<>(event("a", "good")));
        harness.processElement(new StreamRecord<>(event("b", "bad")));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = null;
        assertThat(StaticClassifierProvider.held).hasValue(0);

        var restored = newHarness();
        restored.initializeState(snapshot);
        restored.open();
        restored.setProcessingTime(restored.getProcessingTime() + CONFIG.maxWaitMillis());
        List<ScoredEvent> out =
                restored.extractOutputValues().stream().collect(Collectors.toList());
        harness = restored;

        assertThat(ids(out)).containsExactly("a", "b");
    }

    @Test
    void endOfInputFlushesWhatIsBuffered() throws Exception {
        harness.processElement(new StreamRecord<>(event("a", "good")));
        harness.endInput();
        assertThat(ids(scored())).containsExactly("a");
    }

    @Test
    void aPoisonTextIsIsolatedAndTheRestOfItsBatchIsScored() throws Exception {
        harness.processElement(new StreamRecord<>(event("a", "good")));
        harness.processElement(new StreamRecord<>(event("b", "POISON")));
        harness.processElement(new StreamRecord<>(event("c", "bad")));
        harness.processElement(new StreamRecord<>(event("d", "good")));

        assertThat(ids(scored())).containsExactly("a", "c", "d");
        List<DeadLetter> dead = deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getId()).isEqualTo("b");
        assertThat(dead.get(0).getStage()).isEqualTo("INFERENCE");
        assertThat(dead.get(0).getReason()).isEqualTo("poisoned text");
        assertThat(dead.get(0).getErrorClass()).endsWith("InvalidTextException");
    }

    private OneInputStreamOperatorTestHarness<TextEvent, ScoredEvent> newHarness()
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new MicroBatchInferenceOperator(CONFIG, new StaticClassifierProvider()));
    }

    private MicroBatchInferenceOperator operator() {
        return (MicroBatchInferenceOperator) harness.getOneInputOperator();
    }

    private List<ScoredEvent> scored() {
        return harness.extractOutputValues();
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(OutputTags.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue)
                .collect(Collectors.toList());
    }

    private static List<String> ids(List<ScoredEvent> events) {
        return events.stream().map(e -> e.getEvent().getId()).collect(Collectors.toList());
    }
}
