package io.nlpstream.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.serving.bundle.BundleManifest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The {@code retrainStep} gauge through one turn of the loop: idle, training, candidate in shadow,
 * idle after the verdict. The training is a stand-in that finishes when the test says so; what is
 * under test is the loop's state, not the model.
 */
class RetrainStepGaugeTest {
    private static final String MODEL = "m";
    private static final CountDownLatch TRAINING_MAY_END = new CountDownLatch(1);

    @Test
    void showsIdleTrainingCandidateAndIdleAgain() throws Exception {
        RetrainConfig config = new RetrainConfig(MODEL, "unused", 20, 10, "", 0, Map.of(), 0, 1);
        RetrainFunction function =
                new RetrainFunction(
                        config,
                        (c, model, data, version) -> {
                            awaitQuietly(TRAINING_MAY_END);
                            return new Retrainer.Result(
                                    "/bundles/m-" + version, manifest(version), "");
                        });
        var harness =
                new KeyedTwoInputStreamOperatorTestHarness<
                        String, LabelledScore, ModelUpdate, ModelUpdate>(
                        new KeyedCoProcessOperator<>(function),
                        LabelledScore::modelIdKey,
                        ModelUpdate::getModelId,
                        Types.STRING);
        harness.open();
        try {
            assertThat(function.retrainStep()).isZero();
            for (int i = 0; i < 20; i++) {
                harness.processElement1(new StreamRecord<>(labelled(i)));
            }
            harness.processElement2(new StreamRecord<>(command("RETRAIN_REQUESTED", "1")));
            assertThat(function.retrainStep()).as("training").isEqualTo(1);
            harness.setProcessingTime(1_000);
            assertThat(function.retrainStep()).as("still training").isEqualTo(1);

            TRAINING_MAY_END.countDown();
            long now = 1_000;
            long deadline = System.currentTimeMillis() + 30_000;
            while (harness.extractOutputValues().isEmpty()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                now += 1_000;
                harness.setProcessingTime(now);
            }
            assertThat(harness.extractOutputValues())
                    .extracting(ModelUpdate::getCommand)
                    .containsExactly("SHADOW_START");
            assertThat(function.retrainStep()).as("candidate in shadow").isEqualTo(2);

            harness.processElement2(new StreamRecord<>(command("PROMOTED", "2")));
            assertThat(function.retrainStep()).as("idle after the verdict").isZero();
        } finally {
            harness.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static BundleManifest manifest(String version) {
        return new BundleManifest(
                BundleManifest.FORMAT,
                MODEL,
                version,
                "encoder",
                "mean",
                128,
                0,
                List.of("negative", "positive"),
                null,
                Map.of(),
                Map.of("heldout.auc", 0.9));
    }

    private static LabelledScore labelled(int i) {
        LabelledScore s = new LabelledScore();
        s.id = "e" + i;
        s.modelId = MODEL;
        s.modelVersion = "1";
        s.predictedLabel = "positive";
        s.trueLabel = i % 2 == 0 ? "positive" : "negative";
        s.text = "text " + i;
        s.confidence = 0.6;
        s.scores = new HashMap<>(Map.of("positive", 0.6, "negative", 0.4));
        return s;
    }

    private static ModelUpdate command(String command, String version) {
        return RetrainHarnesses.command(MODEL, command, version);
    }
}
