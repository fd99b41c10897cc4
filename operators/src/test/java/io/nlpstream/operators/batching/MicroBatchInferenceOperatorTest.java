package io.nlpstream.operators.batching;

import static io.nlpstream.operators.testutils.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.testutils.KeywordClassifier;
import io.nlpstream.operators.testutils.Mailboxes;
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
        StaticClassifierProvider.slowLoads = null;
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
        settle();

        assertThat(ids(scored())).containsExactly("e0", "e1", "e2", "e3");
        assertThat(StaticClassifierProvider.classifier.batchSizes).containsExactly(4);
        assertThat(operator().bufferedCount()).isZero();
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
        settle();

        List<ScoredEvent> out = scored();
        assertThat(ids(out)).containsExactly("a", "b");
        assertThat(out.get(0).getLabel()).isEqualTo("positive");
        assertThat(out.get(0).getModelId()).isEqualTo("keyword");
        assertThat(out.get(1).getLabel()).isEqualTo("negative");
        assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
    }

    @Test
    void aFullQueueStopsTheInputUntilTheModelHasTakenSomeOfIt() throws Exception {
        BlockingClassifier blocking = new BlockingClassifier();
        StaticClassifierProvider.classifier = blocking;
        reopen();
        for (int i = 0; i < 4; i++) {
            harness.processElement1(new StreamRecord<>(event("e" + i, "good " + i)));
        }
        blocking.awaitRunning();
        for (int i = 4; i < 4 + CONFIG.queueCapacity() - 1; i++) {
            harness.processElement1(new StreamRecord<>(event("e" + i, "good " + i)));
        }
        assertThat(operator().bufferedCount()).isEqualTo(4 + CONFIG.queueCapacity() - 1);

        // the next text fills the queue: the task thread waits for the model before it returns
        Thread release = new Thread(() -> sleepThen(300, blocking::release));
        release.start();
        long start = System.nanoTime();
        harness.processElement1(new StreamRecord<>(event("last", "good")));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        release.join();

        assertThat(waitedMillis).isGreaterThanOrEqualTo(250);
        assertThat(operator().bufferedCount())
                .isLessThanOrEqualTo(CONFIG.queueCapacity() + CONFIG.maxBatchSize());
        harness.endInput1();
        assertThat(scored()).hasSize(4 + CONFIG.queueCapacity());
    }

    @Test
    void theTaskThreadTakesInputAndCheckpointsWhileTheModelRuns() throws Exception {
        BlockingClassifier blocking = new BlockingClassifier();
        StaticClassifierProvider.classifier = blocking;
        reopen();
        for (int i = 0; i < 4; i++) {
            harness.processElement1(new StreamRecord<>(event("e" + i, "good")));
        }
        blocking.awaitRunning();

        // the model is busy with e0-e3: input and a checkpoint go on regardless
        harness.processElement1(new StreamRecord<>(event("e4", "bad")));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        assertThat(scored()).isEmpty();

        blocking.release();
        harness.endInput1();
        assertThat(ids(scored())).containsExactly("e0", "e1", "e2", "e3", "e4");
        harness.close();

        // the texts that were with the model at the checkpoint are in it
        StaticClassifierProvider.classifier = new KeywordClassifier();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.endInput1();
        assertThat(ids(scored())).containsExactly("e0", "e1", "e2", "e3", "e4");
    }

    @Test
    void bufferedRecordsSurviveACheckpointAndAreScoredAfterRestore() throws Exception {
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.processElement1(new StreamRecord<>(event("b", "bad")));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();
        harness = null;
        assertThat(StaticClassifierProvider.held).hasValue(0);

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(harness.getProcessingTime() + CONFIG.maxWaitMillis());
        settle();

        assertThat(ids(scored())).containsExactly("a", "b");
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
        settle();

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
        settle();

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

        harness.processElement1(new StreamRecord<>(event("e3", "good")));

        assertThatThrownBy(this::settle)
                .isInstanceOf(ModelFailureException.class)
                .hasMessageContaining("the model itself is broken");
        assertThat(harness.getSideOutput(OutputTags.DEAD_LETTERS)).isNullOrEmpty();
        assertThat(scored()).isEmpty();
    }

    @Test
    void aModelFailureWhilePromotingFailsTheTaskAndIsNotReportedAsAFailedLoad() throws Exception {
        StaticClassifierProvider.others.put("v2", new KeywordClassifier("2", true));
        StaticClassifierProvider.classifier.broken = true;
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.processElement2(new StreamRecord<>(update("PROMOTE", "v2")));

        // "a" arrived before the promotion: the old model scores it, and fails on it
        assertThatThrownBy(this::settle).isInstanceOf(ModelFailureException.class);
        assertThat(modelEvents()).isEmpty();
        assertThat(harness.getSideOutput(OutputTags.DEAD_LETTERS)).isNullOrEmpty();
        assertThat(operator().liveModel()).isEqualTo("keyword");
    }

    @Test
    void promoteSwapsTheModelBetweenTwoBatchesWithoutLosingARecord() throws Exception {
        StaticClassifierProvider.others.put("v2", new KeywordClassifier("2", true));
        harness.processElement1(new StreamRecord<>(event("a", "good")));
        harness.processElement2(new StreamRecord<>(update("PROMOTE", "v2")));
        settle(); // "a" arrived before the promotion: the old model scores it first
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
        settle();
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
        settle();
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        assertThat(operator().liveModel()).isEqualTo("v2");
        harness.processElement2(new StreamRecord<>(update("ROLLBACK", null)));
        settle();
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
        settle();

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
        harness =
                Mailboxes.attach(
                        new TwoInputStreamOperatorTestHarness<>(currentOperator, 4, 2, 1),
                        currentOperator);
        harness.open();
        StaticClassifierProvider.others.put("candidate", new KeywordClassifier("7", true));
        harness.processElement2(new StreamRecord<>(update("SHADOW_START", "candidate", "7")));
        harness.processElement2(new StreamRecord<>(update("SHADOW_START", "missing", "8")));
        settle();

        assertThat(modelEvents())
                .extracting(ModelUpdate::getCommand, ModelUpdate::getVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SHADOW_STARTED", "7"),
                        org.assertj.core.groups.Tuple.tuple("LOAD_FAILED", "8"));
        assertThat(modelEvents().get(1).getReason()).startsWith("subtask 1 of 2: ");
    }

    @Test
    void aModelLoadsBesideTheTaskThreadWhileTheLiveModelKeepsScoring() throws Exception {
        StaticClassifierProvider.others.put("v2", new KeywordClassifier("2", true));
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        StaticClassifierProvider.slowLoads = gate;
        Thread opener = new Thread(() -> sleepThen(2_000, gate::countDown));
        opener.start();

        long start = System.nanoTime();
        harness.processElement2(new StreamRecord<>(update("PROMOTE", "v2")));
        for (int i = 0; i < 4; i++) {
            harness.processElement1(new StreamRecord<>(event("e" + i, "good")));
        }
        Mailboxes.settle(harness, operator()::modelBusy);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        // the load takes 2 s; the texts were scored by the live model meanwhile
        assertThat(tookMillis).isLessThan(1_000);
        assertThat(scored()).extracting(ScoredEvent::getModelVersion).containsOnly("1");
        assertThat(modelEvents()).isEmpty();
        settle();
        opener.join();
        assertThat(operator().liveModel()).isEqualTo("v2");
        assertThat(modelEvents()).extracting(ModelUpdate::getCommand).containsExactly("PROMOTED");
    }

    @Test
    void anUpdateThatArrivesWhileAModelLoadsWaitsForIt() throws Exception {
        StaticClassifierProvider.others.put("v2", new KeywordClassifier("2", true));
        StaticClassifierProvider.others.put("v3", new KeywordClassifier("3", false));
        harness.processElement2(new StreamRecord<>(update("PROMOTE", "v2")));
        harness.processElement2(new StreamRecord<>(update("PROMOTE", "v3")));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        settle();
        assertThat(operator().liveModel()).isEqualTo("v3");
        harness.close();

        // a checkpoint taken before the updates were applied holds them, and they are applied
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        settle();
        assertThat(operator().liveModel()).isEqualTo("v3");
        assertThat(modelEvents())
                .extracting(ModelUpdate::getCommand)
                .containsExactly("PROMOTED", "PROMOTED");
    }

    @Test
    void theVersionGaugeReadsTheCounterAtTheEndOfAVersion() {
        assertThat(MicroBatchInferenceOperator.numericVersion(new KeywordClassifier("12", false)))
                .isEqualTo(12);
        assertThat(MicroBatchInferenceOperator.numericVersion(new KeywordClassifier("v3", false)))
                .isEqualTo(3);
        assertThat(MicroBatchInferenceOperator.numericVersion(new KeywordClassifier("x", false)))
                .isEqualTo(-1);
        assertThat(MicroBatchInferenceOperator.numericVersion(null)).isEqualTo(-1);
    }

    private void settle() throws Exception {
        MicroBatchInferenceOperator op = operator();
        Mailboxes.settle(harness, () -> op.modelBusy() || op.updatesPending());
    }

    private void reopen() throws Exception {
        harness.close();
        harness = newHarness();
        harness.open();
    }

    private static void sleepThen(long millis, Runnable action) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        action.run();
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
        return Mailboxes.attach(
                new TwoInputStreamOperatorTestHarness<>(currentOperator), currentOperator);
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
