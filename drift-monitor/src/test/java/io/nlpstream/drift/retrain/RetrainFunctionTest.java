package io.nlpstream.drift.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.datasets.Datasets;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retraining on real sentences with the real encoder, driven through the operator harness. */
class RetrainFunctionTest {
    @TempDir Path bundles;

    @Test
    void aRetrainRequestTrainsACandidateOnTheRecentLabelsAndAsksForAShadowRun() throws Exception {
        RetrainConfig config =
                new RetrainConfig(
                        "sentiment-minilm", bundles.toString(), 200, 100, "", 0, Map.of(), 0, 1);
        var harness =
                new KeyedTwoInputStreamOperatorTestHarness<
                        String, LabelledScore, ModelUpdate, ModelUpdate>(
                        new KeyedCoProcessOperator<>(new RetrainFunction(config)),
                        LabelledScore::modelIdKey,
                        ModelUpdate::getModelId,
                        Types.STRING);
        harness.open();
        try {
            List<LabelledText> texts =
                    Datasets.fromDefaultCache().uciSentiment("yelp").subList(0, 160);
            for (int i = 0; i < 50; i++) {
                harness.processElement1(new StreamRecord<>(labelled(texts.get(i))));
            }
            harness.processElement2(new StreamRecord<>(request()));
            assertThat(harness.numProcessingTimeTimers())
                    .as("too few labels: no training")
                    .isZero();

            for (int i = 50; i < texts.size(); i++) {
                harness.processElement1(new StreamRecord<>(labelled(texts.get(i))));
            }
            harness.processElement2(new StreamRecord<>(request()));
            harness.processElement2(
                    new StreamRecord<>(request())); // ignored: one training at a time

            long now = 0;
            long deadline = System.currentTimeMillis() + 180_000;
            while (harness.extractOutputValues().isEmpty()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                now += 1_000;
                harness.setProcessingTime(now);
            }

            List<ModelUpdate> out = harness.extractOutputValues();
            assertThat(out)
                    .singleElement()
                    .satisfies(
                            u -> {
                                assertThat(u.getCommand()).isEqualTo("SHADOW_START");
                                assertThat(u.getModelId()).isEqualTo("sentiment-minilm");
                                assertThat(u.getVersion()).isEqualTo("2");
                                assertThat(u.getReason()).contains("held-out AUC");
                            });
            ModelBundle candidate = Bundles.load(out.get(0).getBundleUri());
            assertThat(candidate.manifest().version()).isEqualTo("2");
            assertThat(candidate.manifest().encoder()).isEqualTo("all-minilm-l6-v2");
            assertThat(candidate.manifest().training().get("data"))
                    .startsWith("retrained on 160 recent labelled records");
            assertThat(harness.numProcessingTimeTimers())
                    .as("only the candidate's verdict deadline")
                    .isEqualTo(1);
            harness.processElement2(
                    new StreamRecord<>(
                            ModelUpdate.newBuilder(request())
                                    .setCommand("REJECT")
                                    .setVersion("2")
                                    .build()));
            assertThat(harness.numProcessingTimeTimers()).isZero();
        } finally {
            harness.close();
        }
    }

    private static LabelledScore labelled(LabelledText t) {
        LabelledScore s = new LabelledScore();
        s.id = t.id();
        s.modelId = "sentiment-minilm";
        s.modelVersion = "1";
        s.predictedLabel = "positive";
        s.trueLabel = t.label();
        s.text = t.text();
        s.confidence = 0.6;
        s.scores = new java.util.HashMap<>(Map.of("positive", 0.6, "negative", 0.4));
        return s;
    }

    private static ModelUpdate request() {
        return ModelUpdate.newBuilder()
                .setCommand("RETRAIN_REQUESTED")
                .setModelId("sentiment-minilm")
                .setVersion("1")
                .setReason("AUC dropped")
                .setTime(0L)
                .build();
    }
}
