package io.nlpstream.jobs.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.jobs.kafka.OutputFormat;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificData;

/** What the local run needs of one output record, read from Avro or from JSON. */
record OutputView(Kind kind, String id, String stage, long ingestTime, long emitTime, String json) {

    /** Which output topic a record came from. */
    enum Kind {
        PREDICTION,
        REVIEW,
        DEAD_LETTER,
        ALERT
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static OutputView read(Kind kind, byte[] bytes, OutputFormat format) {
        return format == OutputFormat.JSON ? fromJson(kind, bytes) : fromAvro(kind, bytes);
    }

    private static OutputView fromAvro(Kind kind, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            switch (kind) {
                case PREDICTION -> {
                    Prediction p = Prediction.fromByteBuffer(buffer);
                    return new OutputView(
                            kind,
                            p.getId(),
                            null,
                            p.getTimings().getIngestTime(),
                            p.getTimings().getEmitTime(),
                            SpecificData.get().toString(p));
                }
                case REVIEW -> {
                    ReviewTask r = ReviewTask.fromByteBuffer(buffer);
                    return new OutputView(
                            kind,
                            r.getId(),
                            null,
                            r.getTimings().getIngestTime(),
                            r.getTimings().getEmitTime(),
                            SpecificData.get().toString(r));
                }
                case DEAD_LETTER -> {
                    DeadLetter d = DeadLetter.fromByteBuffer(buffer);
                    return new OutputView(
                            kind,
                            deadLetterId(d.getId(), d.getTopic(), d.getPartition(), d.getOffset()),
                            d.getStage(),
                            d.getIngestTime(),
                            d.getTime(),
                            SpecificData.get().toString(d));
                }
                default -> {
                    Alert a = Alert.fromByteBuffer(buffer);
                    return new OutputView(
                            kind, a.getId(), null, 0, a.getTime(), SpecificData.get().toString(a));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + kind + " record on the output", e);
        }
    }

    private static OutputView fromJson(Kind kind, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + kind + " record on the output", e);
        }
        JsonNode timings = node.path("timings");
        return switch (kind) {
            case PREDICTION, REVIEW ->
                    new OutputView(
                            kind,
                            node.path("id").asText(),
                            null,
                            timings.path("ingest_time").asLong(),
                            timings.path("emit_time").asLong(),
                            text);
            case DEAD_LETTER ->
                    new OutputView(
                            kind,
                            deadLetterId(
                                    node.path("id").isNull() ? null : node.path("id").asText(null),
                                    node.path("topic").asText(null),
                                    node.path("partition").asInt(),
                                    node.path("offset").asLong()),
                            node.path("stage").asText(),
                            node.path("ingest_time").asLong(),
                            node.path("time").asLong(),
                            text);
            case ALERT ->
                    new OutputView(
                            kind,
                            node.path("id").asText(),
                            null,
                            0,
                            node.path("time").asLong(),
                            text);
        };
    }

    private static String deadLetterId(String id, String topic, Integer partition, Long offset) {
        return id != null ? id : topic + "-" + partition + "-" + offset;
    }
}
