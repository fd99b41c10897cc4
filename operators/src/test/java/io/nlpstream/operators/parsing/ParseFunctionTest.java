package io.nlpstream.operators.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.TextEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
                        new ProcessOperator<>(new ParseFunction(1024)));
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
                        .setEventTime(1_000L)
                        .setMetadata(Map.of("ticker", "ACME"))
                        .build();
        process(bytes(sent.toByteBuffer()));

        TextEvent got = single();
        assertThat(got.getId()).isEqualTo("avro-1");
        assertThat(got.getSource()).isEqualTo("feed");
        assertThat(got.getText()).isEqualTo(sent.getText());
        assertThat(got.getEventTime()).isEqualTo(1_000L);
        assertThat(got.getIngestTime()).isEqualTo(KAFKA_TIME);
        assertThat(got.getMetadata()).containsEntry("ticker", "ACME");
    }

    @Test
    void jsonObjectsAreParsedWithTheirFields() throws Exception {
        process(
                utf8(
                        "{\"id\":\"j-1\",\"text\":\"Refund please\",\"source\":\"tickets\","
                                + "\"time\":\"2026-01-02T03:04:05Z\",\"metadata\":{\"amount\":1200.5,\"tier\":\"gold\"}}"));

        TextEvent got = single();
        assertThat(got.getId()).isEqualTo("j-1");
        assertThat(got.getSource()).isEqualTo("tickets");
        assertThat(got.getText()).isEqualTo("Refund please");
        assertThat(got.getEventTime()).isEqualTo(1_767_323_045_000L);
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
        process(utf8("x".repeat(2000)));

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
                        "JSON object has no string field 'text'",
                        "record of 2000 bytes exceeds the limit of 1024");
        assertThat(dead.get(1).getReason()).startsWith("invalid Avro TextEvent: ");
        assertThat(dead.get(5).getReason()).startsWith("invalid JSON: ");
        assertThat(dead).allSatisfy(d -> assertThat(d.getStage()).isEqualTo("PARSE"));
        assertThat(bytes(dead.get(0).getOriginal())).isEqualTo(badUtf8);
        assertThat(dead.get(0).getOffset()).isEqualTo(0L);
        assertThat(dead.get(7).getOffset()).isEqualTo(7L);
        assertThat(dead.get(0).getTopic()).isEqualTo("texts");
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
