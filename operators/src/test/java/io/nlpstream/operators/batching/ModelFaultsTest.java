package io.nlpstream.operators.batching;

import static io.nlpstream.operators.testutils.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.operators.testutils.Mailboxes;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.ScoredEvent;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.bundle.BundleIo;
import io.nlpstream.serving.bundle.Bundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault test G: a broken model at start, and a broken candidate at a hot swap, on real bundles. */
class ModelFaultsTest {
    private static final BatchingConfig CONFIG = new BatchingConfig(4, 50);

    @TempDir Path dir;

    /** A copy of a shipped bundle whose bundle.json is cut off half way. */
    private Path corruptBundle() throws Exception {
        Path bundle = dir.resolve("corrupt");
        var shipped = Bundles.load("sentiment");
        BundleIo.write(bundle, shipped.manifest(), shipped.head());
        String manifest = Files.readString(bundle.resolve(BundleIo.MANIFEST));
        Files.writeString(
                bundle.resolve(BundleIo.MANIFEST), manifest.substring(0, manifest.length() / 2));
        return bundle;
    }

    @Test
    void aCorruptOrMissingModelAtStartFailsWhenTheJobIsBuiltWithOneSentence() throws Exception {
        Path corrupt = corruptBundle();
        assertThatThrownBy(
                        () ->
                                new MicroBatchInferenceOperator(
                                        CONFIG,
                                        new SharedClassifierProvider(
                                                corrupt.toString(), 1, 4, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "Cannot serve model '"
                                + corrupt
                                + "': Bundle file is corrupt: "
                                + corrupt.toAbsolutePath()
                                + "/bundle.json")
                .hasMessageNotContaining("\n");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(
                        () ->
                                new MicroBatchInferenceOperator(
                                        CONFIG,
                                        new SharedClassifierProvider(
                                                missing.toString(), 1, 4, false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot serve model '" + missing + "': ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aCorruptCandidateAtAHotSwapIsRejectedAndTheLiveModelKeepsServing() throws Exception {
        Path corrupt = corruptBundle();
        var operator =
                new MicroBatchInferenceOperator(
                        CONFIG, new SharedClassifierProvider("sentiment", 1, 4, false));
        var harness =
                Mailboxes.attach(
                        new TwoInputStreamOperatorTestHarness<TextEvent, ModelUpdate, ScoredEvent>(
                                operator),
                        operator);
        harness.open();
        try {
            for (String command : List.of("SHADOW_START", "PROMOTE")) {
                harness.processElement2(
                        new StreamRecord<>(
                                ModelUpdate.newBuilder()
                                        .setCommand(command)
                                        .setModelId("sentiment")
                                        .setVersion("corrupt")
                                        .setBundleUri(corrupt.toString())
                                        .setReason("test")
                                        .setTime(0L)
                                        .build()));
            }
            harness.processElement1(new StreamRecord<>(event("a", "What a lovely day")));
            harness.endInput1();

            List<ModelUpdate> acks =
                    harness.getSideOutput(OutputTags.MODEL_EVENTS).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(acks).extracting(ModelUpdate::getCommand).containsOnly("LOAD_FAILED");
            assertThat(acks).hasSize(2);
            assertThat(acks)
                    .allSatisfy(a -> assertThat(a.getReason()).contains("Bundle file is corrupt"));
            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            s -> {
                                assertThat(s.getModelId()).isEqualTo("sentiment");
                                assertThat(s.getLabel()).isEqualTo("positive");
                            });
            assertThat(harness.getSideOutput(OutputTags.SHADOW_SCORES)).isNullOrEmpty();
        } finally {
            harness.close();
        }
    }
}
