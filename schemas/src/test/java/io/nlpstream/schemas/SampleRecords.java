package io.nlpstream.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One fully populated instance of every record type, for serializer tests. */
final class SampleRecords {
    private static final long T0 = 1_764_000_000_000L;

    private SampleRecords() {}

    static TextEvent textEvent() {
        return TextEvent.newBuilder()
                .setId("evt-1")
                .setSource("amazon")
                .setText("Great battery life, terrible screen.")
                .setEventTime(T0)
                .setIngestTime(T0 + 5)
                .setMetadata(Map.of("amount", "125.00", "tier", "gold"))
                .build();
    }

    static Timings timings() {
        return Timings.newBuilder()
                .setEventTime(T0)
                .setIngestTime(T0 + 5)
                .setInferenceStart(T0 + 10)
                .setInferenceEnd(T0 + 30)
                .setEmitTime(T0 + 31)
                .build();
    }

    static List<Object> all() {
        Map<String, Double> scores = Map.of("positive", 0.93, "negative", 0.07);
        return List.of(
                textEvent(),
                timings(),
                Prediction.newBuilder()
                        .setId("evt-1")
                        .setSource("amazon")
                        .setLabel("positive")
                        .setModelLabel("positive")
                        .setConfidence(0.93)
                        .setScores(scores)
                        .setModelId("sentiment")
                        .setModelVersion("1")
                        .setChunks(2)
                        .setQueue("retail")
                        .setRulesFired(List.of("r-1"))
                        .setTimings(timings())
                        .build(),
                ReviewTask.newBuilder()
                        .setId("evt-1")
                        .setSource("amazon")
                        .setText("meh")
                        .setSuggestedLabel("negative")
                        .setConfidence(0.61)
                        .setThreshold(0.9)
                        .setScores(scores)
                        .setReason("LOW_CONFIDENCE")
                        .setModelId("sentiment")
                        .setModelVersion("1")
                        .setTimings(timings())
                        .build(),
                DeadLetter.newBuilder()
                        .setOriginal(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x28}))
                        .setStage("PARSE")
                        .setReason("invalid UTF-8 at byte 0")
                        .setErrorClass("java.nio.charset.MalformedInputException")
                        .setTopic("texts")
                        .setPartition(1)
                        .setOffset(42L)
                        .setTime(T0)
                        .build(),
                Rule.newBuilder()
                        .setId("r-1")
                        .setKind("KEYWORD")
                        .setExpression("refund, chargeback")
                        .setAction("ROUTE")
                        .setActionArg("billing")
                        .setVersion(3)
                        .build(),
                Alert.newBuilder()
                        .setId("a-1")
                        .setRecordId("evt-1")
                        .setRuleId("r-1")
                        .setSeverity("CRITICAL")
                        .setMessage("blacklisted term")
                        .setTime(T0)
                        .build(),
                Feedback.newBuilder().setId("evt-1").setLabel("negative").setTime(T0).build(),
                DriftMetric.newBuilder()
                        .setModelId("sentiment")
                        .setModelVersion("1")
                        .setWindowStart(T0)
                        .setWindowEnd(T0 + 60_000)
                        .setPredictions(1000)
                        .setLabelled(400)
                        .setAuc(0.91)
                        .setBaselineAuc(0.97)
                        .setEstimatedAuc(0.93)
                        .setPsiConfidence(0.12)
                        .setTime(T0)
                        .build(),
                ModelUpdate.newBuilder()
                        .setCommand("PROMOTE")
                        .setModelId("sentiment")
                        .setVersion("2")
                        .setBundleUri("bundles/sentiment-2")
                        .setReason("AUC 0.95 > 0.90 over 500 labelled events")
                        .setTime(T0)
                        .build(),
                ScoredEvent.newBuilder()
                        .setEvent(textEvent())
                        .setLabel("positive")
                        .setConfidence(0.93)
                        .setScores(scores)
                        .setModelId("sentiment")
                        .setModelVersion("1")
                        .setInferenceStart(T0 + 10)
                        .setInferenceEnd(T0 + 30)
                        .build());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
