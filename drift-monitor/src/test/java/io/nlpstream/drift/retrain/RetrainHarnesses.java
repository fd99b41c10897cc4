package io.nlpstream.drift.retrain;

import io.nlpstream.drift.feedback.LabelledScore;
import io.nlpstream.schemas.ModelUpdate;
import java.util.List;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** What the retrainer's harness tests share: model commands, and waiting for its output. */
final class RetrainHarnesses {
    private RetrainHarnesses() {}

    /** A model command as the control topic carries it. */
    static ModelUpdate command(String modelId, String command, String version) {
        return ModelUpdate.newBuilder()
                .setCommand(command)
                .setModelId(modelId)
                .setVersion(version)
                .setReason("test")
                .setTime(0L)
                .build();
    }

    /** Advances processing time a second at a time until the function emitted {@code count}. */
    static List<ModelUpdate> runUntilOutput(
            KeyedTwoInputStreamOperatorTestHarness<String, LabelledScore, ModelUpdate, ModelUpdate>
                    h,
            long from,
            int count)
            throws Exception {
        long now = from;
        long deadline = System.currentTimeMillis() + 240_000;
        h.setProcessingTime(now);
        while (h.extractOutputValues().size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            now += 1_000;
            h.setProcessingTime(now);
        }
        return h.extractOutputValues();
    }
}
