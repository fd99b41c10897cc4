package io.nlpstream.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShadowEvaluatorTest {
    private static final PromotionPolicy POLICY = new PromotionPolicy(20, 60, 0.02, 10);

    private KeyedTwoInputStreamOperatorTestHarness<String, LabelledScore, ModelUpdate, ModelUpdate>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new ShadowEvaluator(POLICY)),
                        LabelledScore::modelIdKey,
                        ModelUpdate::getModelId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aBetterCandidateIsPromotedOnceEnoughRecordsArePaired() throws Exception {
        startShadow("2", "/bundles/m-2");
        for (int i = 0; i < 30; i++) {
            boolean spam = i % 2 == 0;
            // The live model is right only half the time, the candidate always.
            score("1", "e" + i, spam, i % 4 < 2 ? 0.8 : 0.2);
            score("2", "e" + i, spam, spam ? 0.9 : 0.1);
        }

        List<ModelUpdate> out = harness.extractOutputValues();
        assertThat(out)
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("PROMOTE");
                            assertThat(u.getVersion()).isEqualTo("2");
                            assertThat(u.getBundleUri()).isEqualTo("/bundles/m-2");
                            assertThat(u.getReason())
                                    .startsWith(
                                            "candidate AUC 1.0000 vs live 0.5000 on 20 fed-back records");
                        });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aWorseCandidateIsRejectedWithItsFigures() throws Exception {
        startShadow("2", "/bundles/m-2");
        for (int i = 0; i < 20; i++) {
            boolean spam = i % 2 == 0;
            score("2", "e" + i, spam, spam ? 0.3 : 0.7); // shadow first: pairing works in any order
            score("1", "e" + i, spam, spam ? 0.9 : 0.1);
        }

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("REJECT");
                            assertThat(u.getReason())
                                    .startsWith("candidate AUC 0.0000 vs live 1.0000");
                        });
    }

    @Test
    void withoutACandidateNothingIsKeptOrDecided() throws Exception {
        for (int i = 0; i < 30; i++) {
            score("1", "e" + i, i % 2 == 0, 0.7);
        }
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aCandidateThatFailedToLoadIsForgotten() throws Exception {
        startShadow("2", "/bundles/m-2");
        score("2", "e0", true, 0.9);
        harness.processElement2(new StreamRecord<>(update("LOAD_FAILED", "2", "/bundles/m-2")));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aShadowThatPairsNothingIsRejectedAfterTheTimeoutWithItsReason() throws Exception {
        harness.setProcessingTime(1_000);
        startShadow("2", "/bundles/m-2");
        for (int i = 0; i < 100; i++) {
            score("1", "e" + i, i % 2 == 0, 0.7); // the candidate never scores anything
        }
        harness.setProcessingTime(1_000 + 30 * 60_000);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("REJECT");
                            assertThat(u.getVersion()).isEqualTo("2");
                            assertThat(u.getBundleUri()).isEqualTo("/bundles/m-2");
                            assertThat(u.getReason())
                                    .isEqualTo(
                                            "no verdict within 1800 s: only 0 fed-back records"
                                                    + " were scored by both models (20 needed)");
                        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void unpairedRecordsAreBoundedOldestFirst() throws Exception {
        startShadow("2", "/bundles/m-2");
        // Live scores of records the candidate never saw: only the newest 2 x maxPairs wait.
        for (int i = 0; i < 1000; i++) {
            score("1", "e" + i, i % 2 == 0, i % 4 < 2 ? 0.8 : 0.2);
        }
        for (int i = 0; i < 60; i++) {
            boolean spam = i % 2 == 0;
            score("2", "e" + i, spam, spam ? 0.9 : 0.1); // too old: their partners were dropped
        }
        assertThat(harness.extractOutputValues()).isEmpty();
        for (int i = 940; i < 960; i++) {
            boolean spam = i % 2 == 0;
            score("2", "e" + i, spam, spam ? 0.9 : 0.1); // recent enough to pair
        }
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(u -> assertThat(u.getCommand()).isEqualTo("PROMOTE"));
    }

    @Test
    void everySubtasksAcknowledgementKeepsTheComparisonGoing() throws Exception {
        startShadow("2", "/bundles/m-2");
        for (int i = 0; i < 15; i++) {
            boolean spam = i % 2 == 0;
            score("1", "e" + i, spam, i % 4 < 2 ? 0.8 : 0.2);
            score("2", "e" + i, spam, spam ? 0.9 : 0.1);
        }
        startShadow("2", "/bundles/m-2"); // a second subtask's acknowledgement
        for (int i = 15; i < 20; i++) {
            boolean spam = i % 2 == 0;
            score("1", "e" + i, spam, i % 4 < 2 ? 0.8 : 0.2);
            score("2", "e" + i, spam, spam ? 0.9 : 0.1);
        }
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(u -> assertThat(u.getCommand()).isEqualTo("PROMOTE"));
    }

    @Test
    void aRestoreDuringTheShadowRunKeepsThePairsAndTheTimeout() throws Exception {
        harness.setProcessingTime(1_000);
        startShadow("2", "/bundles/m-2");
        for (int i = 0; i < 15; i++) {
            boolean spam = i % 2 == 0;
            score("1", "e" + i, spam, i % 4 < 2 ? 0.8 : 0.2);
            score("2", "e" + i, spam, spam ? 0.9 : 0.1);
        }
        score("1", "e15", true, 0.8);
        var snapshot = harness.snapshot(1, 2_000);
        harness.close();
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new ShadowEvaluator(POLICY)),
                        LabelledScore::modelIdKey,
                        ModelUpdate::getModelId,
                        Types.STRING);
        harness.initializeState(snapshot);
        harness.open();
        assertThat(harness.numProcessingTimeTimers()).as("the timeout survives").isEqualTo(1);
        score("2", "e15", true, 0.9);
        for (int i = 16; i < 20; i++) {
            boolean spam = i % 2 == 0;
            score("1", "e" + i, spam, i % 4 < 2 ? 0.8 : 0.2);
            score("2", "e" + i, spam, spam ? 0.9 : 0.1);
        }
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("PROMOTE");
                            assertThat(u.getReason()).contains("on 20 fed-back records");
                        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    private void startShadow(String version, String bundle) throws Exception {
        harness.processElement2(new StreamRecord<>(update("SHADOW_STARTED", version, bundle)));
    }

    private void score(String version, String id, boolean spam, double pSpam) throws Exception {
        LabelledScore s = new LabelledScore();
        s.id = id;
        s.modelId = "spam-filter";
        s.modelVersion = version;
        s.predictedLabel = pSpam >= 0.5 ? "spam" : "ham";
        s.trueLabel = spam ? "spam" : "ham";
        s.confidence = Math.max(pSpam, 1 - pSpam);
        s.scores = new java.util.HashMap<>(Map.of("spam", pSpam, "ham", 1 - pSpam));
        harness.processElement1(new StreamRecord<>(s));
    }

    private static ModelUpdate update(String command, String version, String bundle) {
        return ModelUpdate.newBuilder()
                .setCommand(command)
                .setModelId("spam-filter")
                .setVersion(version)
                .setBundleUri(bundle)
                .setReason("test")
                .setTime(0L)
                .build();
    }
}
