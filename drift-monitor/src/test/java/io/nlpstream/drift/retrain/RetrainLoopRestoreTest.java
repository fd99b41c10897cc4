package io.nlpstream.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retraining loop restored from a checkpoint taken while a training runs, and while a candidate
 * waits for its verdict: it completes, or rejects with a reason, and never reuses a version.
 */
class RetrainLoopRestoreTest {
    private static final String MODEL = "sentiment-minilm";
    private static final long HOUR = 3_600_000L;

    @TempDir Path bundles;

    private KeyedTwoInputStreamOperatorTestHarness<String, LabelledScore, ModelUpdate, ModelUpdate>
            harness(RetrainConfig config, OperatorSubtaskState restoreFrom) throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<
                        String, LabelledScore, ModelUpdate, ModelUpdate>(
                        new KeyedCoProcessOperator<>(new RetrainFunction(config)),
                        LabelledScore::modelIdKey,
                        ModelUpdate::getModelId,
                        Types.STRING);
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    @Test
    void aRestoreDuringTrainingAndDuringTheShadowRunStillEndsInAVerdict() throws Exception {
        RetrainConfig config =
                new RetrainConfig(MODEL, bundles.toString(), 200, 100, "", 0, Map.of(), 0, 1);
        var first = harness(config, null);
        List<LabelledText> texts = Datasets.fromDefaultCache().uciSentiment("yelp").subList(0, 160);
        for (LabelledText t : texts) {
            first.processElement1(new StreamRecord<>(labelled(t)));
        }
        first.setProcessingTime(1_000);
        first.processElement2(new StreamRecord<>(command("RETRAIN_REQUESTED", "1")));
        // Killed while the training runs: the snapshot holds the request, not the training.
        OperatorSubtaskState duringTraining = first.snapshot(1, 1_000);
        first.close();

        var second = harness(config, duringTraining);
        List<ModelUpdate> out = RetrainHarnesses.runUntilOutput(second, 2_000, 1);
        assertThat(out)
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("SHADOW_START");
                            assertThat(u.getVersion())
                                    .as("the interrupted training's version is not reused")
                                    .isEqualTo("3");
                            assertThat(Files.isDirectory(Path.of(u.getBundleUri()))).isTrue();
                        });
        long shadowStartedAt = second.getProcessingTime();
        // Killed during the shadow run; the verdict never comes (the evaluator's state was lost).
        OperatorSubtaskState duringShadow = second.snapshot(2, shadowStartedAt);
        second.close();

        var third = harness(config, duringShadow);
        third.processElement2(new StreamRecord<>(command("RETRAIN_REQUESTED", "1")));
        assertThat(third.extractOutputValues()).as("one candidate at a time").isEmpty();
        third.setProcessingTime(shadowStartedAt + 2 * HOUR);
        assertThat(third.extractOutputValues())
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("REJECT");
                            assertThat(u.getVersion()).isEqualTo("3");
                            assertThat(u.getReason())
                                    .isEqualTo("no verdict on candidate 3 in time");
                        });
        assertThat(third.numProcessingTimeTimers()).isZero();

        // The loop is free again: the next request trains version 4.
        third.processElement2(new StreamRecord<>(command("RETRAIN_REQUESTED", "1")));
        assertThat(third.numProcessingTimeTimers()).as("a training is polled").isEqualTo(1);
        third.close();
    }

    @Test
    void aFailedTrainingIsRejectedAndTheNextCandidateGetsANewVersion() throws Exception {
        // The model cannot be loaded, so every training fails fast.
        RetrainConfig config =
                new RetrainConfig(
                        bundles.resolve("missing").toString(),
                        bundles.toString(),
                        20,
                        10,
                        "",
                        0,
                        Map.of(),
                        0,
                        1);
        Files.createDirectories(bundles.resolve(MODEL + "-3")); // a bundle already on disk
        var h = harness(config, null);
        for (int i = 0; i < 20; i++) {
            h.processElement1(
                    new StreamRecord<>(
                            labelled(
                                    new LabelledText(
                                            "e" + i,
                                            "t",
                                            "text " + i,
                                            i % 2 == 0 ? "positive" : "negative",
                                            i))));
        }
        h.processElement2(new StreamRecord<>(command("RETRAIN_REQUESTED", "1")));
        List<ModelUpdate> first = List.copyOf(RetrainHarnesses.runUntilOutput(h, 1_000, 1));
        h.processElement2(new StreamRecord<>(command("REJECT", first.get(0).getVersion())));
        int before = first.size();
        h.processElement2(new StreamRecord<>(command("RETRAIN_REQUESTED", "1")));
        List<ModelUpdate> all =
                RetrainHarnesses.runUntilOutput(h, h.getProcessingTime(), before + 1);
        List<ModelUpdate> second = all.subList(before, all.size());

        assertThat(first)
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("REJECT");
                            assertThat(u.getVersion()).isEqualTo("2");
                            assertThat(u.getReason()).startsWith("retraining failed: ");
                        });
        assertThat(second)
                .singleElement()
                .satisfies(
                        u -> {
                            assertThat(u.getCommand()).isEqualTo("REJECT");
                            assertThat(u.getVersion())
                                    .as("above every version issued and every bundle on disk")
                                    .isEqualTo("4");
                        });
        h.close();
    }

    @Test
    void theLoopStateIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RetrainStep.class);
    }

    private static LabelledScore labelled(LabelledText t) {
        LabelledScore s = new LabelledScore();
        s.id = t.id();
        s.modelId = MODEL;
        s.modelVersion = "1";
        s.predictedLabel = "positive";
        s.trueLabel = t.label();
        s.text = t.text();
        s.confidence = 0.6;
        s.scores = new HashMap<>(Map.of("positive", 0.6, "negative", 0.4));
        return s;
    }

    private static ModelUpdate command(String command, String version) {
        return RetrainHarnesses.command(MODEL, command, version);
    }
}
