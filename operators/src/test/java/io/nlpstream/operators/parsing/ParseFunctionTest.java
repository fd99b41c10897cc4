package io.nlpstream.operators.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.SchemaHistory;
import io.nlpstream.schemas.TextEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseFunctionTest {
    private static final long KAFKA_TIME = 1_764_000_000_123L;

    private OneInputStreamOperatorTestHarness<RawRecord, TextEvent> harness;
    private long offset;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new ParseFunction(4096)));
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void avroSingleObjectEncodedEventsArriveUnchangedExceptIngestTime() throws Exception {
        TextEvent sent =
                TextEvent.newBuilder()
                        .setId("avro-1")
                        .setSource("feed")
                        .setText("Shares rallied after the earnings call.")
                        .setEventTime(KAFKA_TIME - 5_000L)
                        .setMetadata(Map.of("ticker", "ACME"))
                        .build();
        process(bytes(sent.toByteBuffer()));

        TextEvent got = single();
        assertThat(got.getId()).isEqualTo("avro-1");
        assertThat(got.getSource()).isEqualTo("feed");
        assertThat(got.getText()).isEqualTo(sent.getText());
        assertThat(got.getEventTime()).isEqualTo(KAFKA_TIME - 5_000L);
        assertThat(got.getIngestTime()).isEqualTo(KAFKA_TIME);
        assertThat(got.getMetadata()).containsEntry("ticker", "ACME");
    }

    @Test
    void jsonObjectsAreParsedWithTheirFields() throws Exception {
        process(
                utf8(
                        "{\"id\":\"j-1\",\"text\":\"Refund please\",\"source\":\"tickets\","
                                + "\"time\":\"2025-11-24T15:59:00Z\",\"metadata\":{\"amount\":1200.5,\"tier\":\"gold\"}}"));

        TextEvent got = single();
        assertThat(got.getId()).isEqualTo("j-1");
        assertThat(got.getSource()).isEqualTo("tickets");
        assertThat(got.getText()).isEqualTo("Refund please");
        assertThat(got.getEventTime()).isEqualTo(1_763_999_940_000L);
        assertThat(got.getReportedEventTime()).isNull();
        assertThat(got.getMetadata())
                .containsEntry("amount", "1200.5")
                .containsEntry("tier", "gold");
    }

    @Test
    void plainTextGetsADeterministicIdAndTheKafkaTime() throws Exception {
        process(utf8("The food was cold."));

        TextEvent got = single();
        assertThat(got.getId()).isEqualTo("texts-0-0");
        assertThat(got.getSource()).isEqualTo("texts");
        assertThat(got.getText()).isEqualTo("The food was cold.");
        assertThat(got.getEventTime()).isEqualTo(KAFKA_TIME);
    }

    @Test
    void malformedInputBecomesADeadLetterWithItsReasonAndOriginalBytes() throws Exception {
        byte[] badUtf8 = {'o', 'k', (byte) 0xC3, 0x28};
        byte[] badAvro = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        process(badUtf8);
        process(badAvro);
        process(new byte[0]);
        process(null);
        process(utf8("   \n"));
        process(utf8("{\"id\": 1, \"text\": "));
        process(utf8("{\"id\": \"x\"}"));
        process(utf8("x".repeat(5000)));

        assertThat(harness.extractOutputValues()).isEmpty();
        List<DeadLetter> dead = deadLetters();
        assertThat(dead)
                .extracting(DeadLetter::getReason)
                .containsExactly(
                        "invalid UTF-8 at byte 2",
                        dead.get(1).getReason(),
                        "empty record value",
                        "empty record value",
                        "empty text",
                        dead.get(5).getReason(),
                        "JSON object has no field 'text'",
                        "record of 5000 bytes exceeds the limit of 4096");
        assertThat(dead.get(1).getReason()).startsWith("unknown TextEvent schema: fingerprint ");
        assertThat(dead.get(5).getReason()).startsWith("invalid JSON: ");
        assertThat(dead).allSatisfy(d -> assertThat(d.getStage()).isEqualTo("PARSE"));
        assertThat(bytes(dead.get(0).getOriginal())).isEqualTo(badUtf8);
        assertThat(dead.get(0).getOffset()).isEqualTo(0L);
        assertThat(dead.get(7).getOffset()).isEqualTo(7L);
        assertThat(dead.get(0).getTopic()).isEqualTo("texts");
    }

    @Test
    void plainTextThatStartsWithABraceIsScoredAsText() throws Exception {
        process(utf8("{sigh} the parcel came late again"));
        process(utf8("{\"quote\"} was all he wrote"));
        process(utf8("[URGENT] my card was stolen"));

        List<TextEvent> out = harness.extractOutputValues();
        assertThat(deadLetters()).isEmpty();
        assertThat(out)
                .extracting(TextEvent::getText)
                .containsExactly(
                        "{sigh} the parcel came late again",
                        "{\"quote\"} was all he wrote",
                        "[URGENT] my card was stolen");
        assertThat(out)
                .extracting(TextEvent::getId)
                .containsExactly("texts-0-0", "texts-0-1", "texts-0-2");
    }

    @Test
    void jsonObjectsThatAreBrokenStayDeadLetters() throws Exception {
        process(utf8("{\"text\": \"cut short"));
        process(utf8("{\"text\": 42}"));
        process(utf8("{\"text\": null}"));
        process(utf8("[{\"text\": \"a batch is not an event\"}]"));
        process(utf8("{\"text\": \"a\", \"text\": \"b\"}"));
        process(utf8("{\"text\": \"a\"} and more"));

        assertThat(harness.extractOutputValues()).isEmpty();
        List<String> reasons = deadLetters().stream().map(DeadLetter::getReason).toList();
        assertThat(reasons.get(0)).startsWith("invalid JSON: ");
        assertThat(reasons.get(1)).isEqualTo("field 'text' must be a string, was a number");
        assertThat(reasons.get(2)).isEqualTo("field 'text' is null");
        assertThat(reasons.get(3)).isEqualTo("JSON value is an array, not an object");
        assertThat(reasons.get(4)).startsWith("invalid JSON: ").contains("Duplicate field 'text'");
        assertThat(reasons.get(5)).startsWith("invalid JSON: ");
    }

    @Test
    void idsThatAreObjectsArraysOrBooleansAreRefused() throws Exception {
        process(utf8("{\"id\": {\"a\": 1}, \"text\": \"one\"}"));
        process(utf8("{\"id\": [1, 2], \"text\": \"two\"}"));
        process(utf8("{\"id\": true, \"text\": \"three\"}"));
        process(utf8("{\"id\": \"" + "x".repeat(1025) + "\", \"text\": \"four\"}"));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters())
                .extracting(DeadLetter::getReason)
                .containsExactly(
                        "field 'id' must be a string or a number, was an object",
                        "field 'id' must be a string or a number, was an array",
                        "field 'id' must be a string or a number, was a boolean",
                        "field 'id' is longer than 1024 characters");
    }

    @Test
    void missingNullOrBlankIdsGetTheRecordsOwnUniqueId() throws Exception {
        process(utf8("{\"text\": \"no id\"}"));
        process(utf8("{\"id\": null, \"text\": \"null id\"}"));
        process(utf8("{\"id\": \"\", \"text\": \"empty id\"}"));
        process(utf8("{\"id\": \"  \", \"text\": \"blank id\"}"));
        process(utf8("{\"id\": 17, \"text\": \"number id\"}"));

        assertThat(deadLetters()).isEmpty();
        assertThat(harness.extractOutputValues())
                .extracting(TextEvent::getId)
                .containsExactly("texts-0-0", "texts-0-1", "texts-0-2", "texts-0-3", "17");
    }

    @Test
    void avroWrittenWithAnOlderSchemaVersionIsDecoded() throws Exception {
        Schema v1 = SchemaHistory.versions("TextEvent").get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "v1-event");
        old.put("source", "legacy-feed");
        old.put("text", "Written by a producer that still has the first schema.");
        old.put("event_time", KAFKA_TIME - 1_000L);
        old.put("ingest_time", 0L);
        old.put("metadata", Map.of("tier", "silver"));
        process(bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old)));

        TextEvent got = single();
        assertThat(got.getId()).isEqualTo("v1-event");
        assertThat(got.getSource()).isEqualTo("legacy-feed");
        assertThat(got.getText())
                .isEqualTo("Written by a producer that still has the first schema.");
        assertThat(got.getEventTime()).isEqualTo(KAFKA_TIME - 1_000L);
        assertThat(got.getMetadata()).containsEntry("tier", "silver");
    }

    @Test
    void avroWithAnUnknownFingerprintIsADeadLetterThatSaysSo() throws Exception {
        byte[] value =
                bytes(
                        TextEvent.newBuilder()
                                .setId("a")
                                .setText("t")
                                .setEventTime(KAFKA_TIME)
                                .build()
                                .toByteBuffer());
        value[5] ^= 0x33;
        process(value);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters())
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d.getReason())
                                        .matches(
                                                "unknown TextEvent schema: fingerprint [0-9a-f]{16} is not a known version"));
    }

    @Test
    void aTimeFarInTheFutureIsClampedToTheKafkaTimeAndKept() throws Exception {
        long tolerated = KAFKA_TIME + Duration.ofHours(1).toMillis();
        process(utf8("{\"text\": \"from the year 3000\", \"time\": \"3000-01-01T00:00:00Z\"}"));
        process(utf8("{\"text\": \"just within\", \"time\": " + tolerated + "}"));
        process(utf8("{\"text\": \"just past\", \"time\": " + (tolerated + 1) + "}"));
        process(utf8("{\"text\": \"huge\", \"time\": 1e300}"));

        List<TextEvent> out = harness.extractOutputValues();
        assertThat(deadLetters()).isEmpty();
        assertThat(out)
                .extracting(TextEvent::getEventTime)
                .containsExactly(KAFKA_TIME, tolerated, KAFKA_TIME, KAFKA_TIME);
        assertThat(out)
                .extracting(TextEvent::getReportedEventTime)
                .containsExactly(32_503_680_000_000L, null, tolerated + 1, Long.MAX_VALUE);
    }

    @Test
    void aTimeBefore2000IsClampedToTheKafkaTime() throws Exception {
        process(utf8("{\"text\": \"seconds, not milliseconds\", \"time\": 1764000000}"));
        process(utf8("{\"text\": \"negative\", \"time\": -5}"));
        process(utf8("{\"text\": \"old but real\", \"time\": \"2001-09-09T01:46:40Z\"}"));
        TextEvent avro =
                TextEvent.newBuilder()
                        .setId("a")
                        .setText("avro too")
                        .setEventTime(86_400_000L)
                        .build();
        process(bytes(avro.toByteBuffer()));

        List<TextEvent> out = harness.extractOutputValues();
        assertThat(deadLetters()).isEmpty();
        assertThat(out)
                .extracting(TextEvent::getEventTime)
                .containsExactly(KAFKA_TIME, KAFKA_TIME, 1_000_000_000_000L, KAFKA_TIME);
        assertThat(out)
                .extracting(TextEvent::getReportedEventTime)
                .containsExactly(1_764_000_000L, -5L, null, 86_400_000L);
    }

    @Test
    void aByteOrderMarkBeforeJsonIsSkipped() throws Exception {
        process(utf8("\uFEFF{\"id\": \"bom\", \"text\": \"with a BOM\"}"));

        TextEvent got = single();
        assertThat(got.getId()).isEqualTo("bom");
        assertThat(got.getText()).isEqualTo("with a BOM");
    }

    private void process(byte[] value) throws Exception {
        harness.processElement(
                new StreamRecord<>(new RawRecord("texts", 0, offset++, KAFKA_TIME, value)));
    }

    private TextEvent single() {
        List<TextEvent> out = harness.extractOutputValues();
        assertThat(deadLetters()).isEmpty();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private List<DeadLetter> deadLetters() {
        var side = harness.getSideOutput(OutputTags.DEAD_LETTERS);
        return side == null
                ? List.of()
                : side.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
