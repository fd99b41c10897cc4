package io.nlpstream.operators.batching;

import static io.nlpstream.operators.testutils.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.testutils.KeywordClassifier;
import io.nlpstream.operators.testutils.StaticClassifierProvider;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicroBatchInferenceOperatorTest {
    private static final BatchingConfig CONFIG = new BatchingConfig(4, 50);

    private TwoInputStreamOperatorTestHarness<TextEvent, ModelUpdate, ScoredEvent> harness;
    private MicroBatchInferenceOperator currentOperator;

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
            harness.processElement1(new StreamRecord<>(event("e" + i, "good " + i)));
        }
        assertThat(scored()).isEmpty();

        harness.processElement1(new StreamRecord<>(event("e3", "bad")));

        assertThat(ids(scored())).containsExactly("e0", "e1", "e2", "e3");
        assertThat(StaticClassifierProvider.classifier.batchSizes).containsExactly(4);
        assertThat(operator().bufferedCount()).isZero();
        assertThat(harness.getProcessingTimeService().getNumActiveTimers())
                .isEqualTo(1); // the stale one, harmless
    }

    @Test
    void flushesWhenTheOldestRecordHasWaitedMaxWait() throws Exception {
        harness.setProcessingTime(1_000);
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.setProcessingTime(1_030);
        harness.processElement1(new StreamRecord<>(event("b", "bad")));
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
            harness.processElement1(new StreamRecord<>(event("e" + i, "text " + i)));
            assertThat(operator().bufferedCount()).isLessThan(CONFIG.maxBatchSize());
        }
        assertThat(scored()).hasSize(100);
    }

    @Test
    void bufferedRecordsSurviveACheckpointAndAreScoredAfterRestore() throws Exception {
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.processElement1(new StreamRecord<>(event("b", "bad")));
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
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.endInput1();
        assertThat(ids(scored())).containsExactly("a");
    }

    @Test
    void aPoisonTextIsIsolatedAndTheRestOfItsBatchIsScored() throws Exception {
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.processElement1(new StreamRecord<>(event("b", "POISON")));
        harness.processElement1(new StreamRecord<>(event("c", "bad")));
        harness.processElement1(new StreamRecord<>(event("d", "good")));

        assertThat(ids(scored())).containsExactly("a", "c", "d");
        List<DeadLetter> dead = deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getId()).isEqualTo("b");
        assertThat(dead.get(0).getStage()).isEqualTo("INFERENCE");
        assertThat(dead.get(0).getReason()).isEqualTo("poisoned text");
        assertThat(dead.get(0).getErrorClass()).endsWith("InvalidTextException");
    }

    @Test
    void aTextOnWhichTheModelRunFailsIsDeadLetteredWhileTheModelScoresOthers() throws Exception {
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.processElement1(new StreamRecord<>(event("b", "CRASH")));
        harness.processElement1(new StreamRecord<>(event("c", "bad")));
        harness.processElement1(new StreamRecord<>(event("d", "good")));

        assertThat(ids(scored())).containsExactly("a", "c", "d");
        assertThat(deadLetters())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.getId()).isEqualTo("b");
                            assertThat(d.getErrorClass()).endsWith("InferenceException");
                        });
    }

    @Test
    void aModelThatFailsEveryCallFailsTheTaskInsteadOfDeadLetteringItsInput() throws Exception {
        StaticClassifierProvider.classifier.broken = true;
        for (int i = 0; i < 3; i++) {
            harness.processElement1(new StreamRecord<>(event("e" + i, "good " + i)));
        }

        assertThatThrownBy(() -> harness.processElement1(new StreamRecord<>(event("e3", "good"))))
                .isInstanceOf(ModelFailureException.class)
                .hasMessageContaining("the model itself is broken");
        assertThat(harness.getSideOutput(OutputTags.DEAD_LETTERS)).isNullOrEmpty();
        assertThat(scored()).isEmpty();
    }

    @Test
    void aModelFailureWhilePromotingFailsTheTaskAndIsNotReportedAsAFailedLoad() throws Exception {
        StaticClassifierProvider.others.put("v2", new KeywordClassifier("2", true));
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        StaticClassifierProvider.classifier.broken = true;

        assertThatThrownBy(
                        () -> harness.processElement2(new StreamRecord<>(update("PROMOTE", "v2"))))
                .isInstanceOf(ModelFailureException.class);
        assertThat(modelEvents()).isEmpty();
        assertThat(harness.getSideOutput(OutputTags.DEAD_LETTERS)).isNullOrEmpty();
        assertThat(operator().liveModel()).isEqualTo("keyword");
    }

    @Test
    void promoteSwapsTheModelBetweenTwoBatchesWithoutLosingARecord() throws Exception {
        StaticClassifierProvider.others.put("v2", new KeywordClassifier("2", true));
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.processElement2(new StreamRecord<>(update("PROMOTE", "v2")));
        harness.processElement1(new StreamRecord<>(event("b", "good")));
        harness.endInput1();

        List<ScoredEvent> out = scored();
        assertThat(ids(out)).containsExactly("a", "b");
        assertThat(out.get(0).getModelVersion()).isEqualTo("1");
        assertThat(out.get(0).getLabel()).isEqualTo("positive");
        assertThat(out.get(1).getModelVersion()).isEqualTo("2");
        assertThat(out.get(1).getLabel()).isEqualTo("negative");
        assertThat(modelEvents()).extracting(ModelUpdate::getCommand).containsExactly("PROMOTED");
        assertThat(operator().liveModel()).isEqualTo("v2");
    }

    @Test
    void aBundleThatFailsToLoadIsRejectedAndTheLiveModelKeepsServing() throws Exception {
        harness.processElement2(new StreamRecord<>(update("PROMOTE", "missing")));
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.endInput1();

        assertThat(scored())
                .singleElement()
                .satisfies(s -> assertThat(s.getModelVersion()).isEqualTo("1"));
        assertThat(modelEvents())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.getCommand()).isEqualTo("LOAD_FAILED");
                            assertThat(m.getReason()).contains("no model bundle named 'missing'");
                        });
        assertThat(operator().liveModel()).isEqualTo("keyword");
    }

    @Test
    void aShadowCandidateScoresTheSameTextsOnASideOutputOnly() throws Exception {
        StaticClassifierProvider.others.put("candidate", new KeywordClassifier("7", true));
        harness.processElement2(new StreamRecord<>(update("SHADOW_START", "candidate")));
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.processElement1(new StreamRecord<>(event("b", "POISON")));
        harness.endInput1();

        assertThat(scored())
                .singleElement()
                .satisfies(s -> assertThat(s.getModelVersion()).isEqualTo("1"));
        List<ScoredEvent> shadow =
                harness.getSideOutput(OutputTags.SHADOW_SCORES).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        assertThat(shadow)
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.getEvent().getId()).isEqualTo("a");
                            assertThat(s.getModelVersion()).isEqualTo("7");
                            assertThat(s.getLabel()).isEqualTo("negative");
                        });
    }

    @Test
    void rollbackReturnsToThePreviousModelAndTheServedModelSurvivesARestore() throws Exception {
        StaticClassifierProvider.others.put("v2", new KeywordClassifier("2", true));
        harness.processElement2(new StreamRecord<>(update("PROMOTE", "v2")));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        assertThat(operator().liveModel()).isEqualTo("v2");
        harness.processElement2(new StreamRecord<>(update("ROLLBACK", null)));
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.endInput1();

        assertThat(operator().liveModel()).isEqualTo("keyword");
        assertThat(scored())
                .singleElement()
                .satisfies(s -> assertThat(s.getModelVersion()).isEqualTo("1"));
    }

    @Test
    void anAcknowledgementNamesTheModelThatWasLoaded() throws Exception {
        StaticClassifierProvider.others.put("candidate", new KeywordClassifier("7", true));
        // A manual "model shadow" or "model promote" without a version.
        harness.processElement2(new StreamRecord<>(update("SHADOW_START", "candidate", "")));
        harness.processElement2(new StreamRecord<>(update("PROMOTE", "candidate", "")));

        assertThat(modelEvents())
                .extracting(ModelUpdate::getCommand, ModelUpdate::getVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SHADOW_STARTED", "7"),
                        org.assertj.core.groups.Tuple.tuple("PROMOTED", "7"));
    }

    @Test
    void aLoadThatFailsOnAnotherSubtaskIsReported() throws Exception {
        harness.close();
        currentOperator = new MicroBatchInferenceOperator(CONFIG, new StaticClassifierProvider());
        harness = new TwoInputStreamOperatorTestHarness<>(currentOperator, 4, 2, 1);
        harness.open();
        StaticClassifierProvider.others.put("candidate", new KeywordClassifier("7", true));
        harness.processElement2(new StreamRecord<>(update("SHADOW_START", "candidate", "7")));
        harness.processElement2(new StreamRecord<>(update("SHADOW_START", "missing", "8")));

        assertThat(modelEvents())
                .extracting(ModelUpdate::getCommand, ModelUpdate::getVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SHADOW_STARTED", "7"),
                        org.assertj.core.groups.Tuple.tuple("LOAD_FAILED", "8"));
        assertThat(modelEvents().get(1).getReason()).startsWith("subtask 1 of 2: ");
    }

    private static ModelUpdate update(String command, String bundle, String version) {
        return ModelUpdate.newBuilder(update(command, bundle)).setVersion(version).build();
    }

    private static ModelUpdate update(String command, String bundle) {
        return ModelUpdate.newBuilder()
                .setCommand(command)
                .setModelId("keyword")
                .setVersion("x")
                .setBundleUri(bundle)
                .setReason("test")
                .setTime(0L)
                .build();
    }

    private List<ModelUpdate> modelEvents() {
        var side = harness.getSideOutput(OutputTags.MODEL_EVENTS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private TwoInputStreamOperatorTestHarness<TextEvent, ModelUpdate, ScoredEvent> newHarness()
            throws Exception {
        currentOperator = new MicroBatchInferenceOperator(CONFIG, new StaticClassifierProvider());
        return new TwoInputStreamOperatorTestHarness<>(currentOperator);
    }

    private MicroBatchInferenceOperator operator() {
        return currentOperator;
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
