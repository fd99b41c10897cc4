package io.nlpstream.jobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.operators.DeadLetters;
import io.nlpstream.operators.parsing.RawRecord;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.schemas.Timings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a sink writes always fits its producer's max.request.size, whatever the input was. */
class OutputRecordLimitsTest {
    /** Kafka's default max.request.size (and, near enough, the broker's message.max.bytes). */
    private static final int KAFKA_DEFAULT_REQUEST_BYTES = 1_048_576;

    @Test
    void aDeadLetterOfA175KbInvalidRecordStaysSmallInJson() {
        byte[] value = new byte[175_000];
        Arrays.fill(value, (byte) 0x80); // each byte is escaped as \u0080 in JSON: 6 bytes
        DeadLetter d =
                DeadLetters.fromRaw(
                        new RawRecord("texts", 0, 1L, 1L, value),
                        "PARSE",
                        new IllegalArgumentException("invalid UTF-8 at byte 0"));

        int size = serializedSize(d, OutputFormat.JSON);

        assertThat(size).isLessThan(KAFKA_DEFAULT_REQUEST_BYTES).isLessThan(64 * 1024);
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 1_000_000, 8_000_000})
    void theWorstDeadLetterFitsTheSinksRequestSize(int maxRecordBytes) {
        byte[] value = new byte[maxRecordBytes + 1];
        Arrays.fill(value, (byte) 0x00);
        String hostile = "\u0000".repeat(200_000);
        DeadLetter raw =
                DeadLetters.fromRaw(
                        new RawRecord(
                                "t".repeat(249), Integer.MAX_VALUE, Long.MAX_VALUE, 1L, value),
                        "PARSE",
                        new IllegalArgumentException(hostile));
        DeadLetter parsed =
                DeadLetters.fromEvent(
                        TextEvent.newBuilder()
                                .setId(hostile)
                                .setSource(hostile)
                                .setText(hostile)
                                .setEventTime(1L)
                                .build(),
                        "INFERENCE",
                        hostile,
                        hostile);

        for (DeadLetter d : List.of(raw, parsed)) {
            for (OutputFormat format : OutputFormat.values()) {
                assertThat(serializedSize(d, format))
                        .as(d.getStage() + " " + format)
                        .isLessThan(OutputRecordLimits.maxRequestBytes(format, maxRecordBytes))
                        .isLessThan(64 * 1024);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 1_000_000})
    void aReviewTaskWithTheLargestTextFitsTheSinksRequestSize(int maxRecordBytes) {
        // '"' takes one byte in the input and two in JSON output, the worst a scorable text does.
        String text = "\"".repeat(maxRecordBytes);
        ReviewTask task =
                ReviewTask.newBuilder()
                        .setId("i".repeat(1024))
                        .setSource("s".repeat(1024))
                        .setText(text)
                        .setSuggestedLabel("negative")
                        .setConfidence(0.5)
                        .setThreshold(0.9)
                        .setScores(Map.of("negative", 0.5, "positive", 0.5))
                        .setReason("LOW_CONFIDENCE")
                        .setModelId("sentiment")
                        .setModelVersion("1")
                        .setRulesFired(List.of("r1", "r2"))
                        .setTimings(new Timings(1L, 2L, 3L, 4L, 5L))
                        .build();

        for (OutputFormat format : OutputFormat.values()) {
            assertThat(serializedSize(task, format))
                    .as(format.name())
                    .isLessThan(OutputRecordLimits.maxRequestBytes(format, maxRecordBytes));
        }
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void everySinkProducerGetsTheRequestSizeOfTheInputLimit(OutputFormat format) {
        Configuration options = new Configuration();
        options.set(JobOptions.MAX_TEXT_BYTES, 3_000_000);
        options.set(JobOptions.OUTPUT_FORMAT, format.name());

        assertThat(KafkaConnectors.producerConfig(options, format))
                .containsEntry(
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        String.valueOf(OutputRecordLimits.maxRequestBytes(format, 3_000_000)));
        assertThat(OutputRecordLimits.maxRequestBytes(format, 3_000_000))
                .isGreaterThanOrEqualTo(format == OutputFormat.JSON ? 6_000_000 : 3_000_000);
        assertThat(OutputRecordLimits.maxRequestBytes(format, 1_000))
                .isEqualTo(KAFKA_DEFAULT_REQUEST_BYTES);
    }

    private static <T extends SpecificRecord> int serializedSize(T record, OutputFormat format) {
        OutputRecordSerializer<T> serializer =
                new OutputRecordSerializer<>("out", format, r -> null);
        return serializer.serialize(record, null, null).value().length;
    }
}
