package io.nlpstream.operators.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.tokenize.TextValidator;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input records: each ends in exactly one output of the parser, a TextEvent to score or a
 * dead letter with its reason, and none throws. The cases and outcomes are listed in
 * operators/README.md.
 */
class PoisonInputTest {
    private static final int LIMIT = 200_000;
    private static final long KAFKA_TIME = 1_764_000_000_123L;
    private static final String SCORED = null;

    static Stream<Arguments> cases() throws Exception {
        byte[] avro = bytes(event("Fine text.").toByteBuffer());
        byte[] invalidAvro = Arrays.copyOf(avro, avro.length);
        Arrays.fill(invalidAvro, 10, invalidAvro.length, (byte) 0xFF);
        byte[] unknownFingerprint = Arrays.copyOf(avro, avro.length);
        unknownFingerprint[9] ^= 0x01;
        return Stream.of(
                poison("invalid Avro", invalidAvro, "invalid Avro TextEvent: .*"),
                poison(
                        "truncated Avro",
                        Arrays.copyOf(avro, avro.length / 2),
                        "invalid Avro TextEvent: .*"),
                poison(
                        "Avro claiming a 1 GiB string",
                        avroBody(avro, 0x80, 0x80, 0x80, 0x80, 0x08, 'a'),
                        "invalid Avro TextEvent: a length of 1073741824 where 1 bytes are left"),
                poison(
                        "Avro claiming 2^30 metadata entries",
                        avroBody(avro, 2, 'a', 2, 's', 2, 't', 2, 2, 0x80, 0x80, 0x80, 0x80, 0x08),
                        "invalid Avro TextEvent: a count of 1073741824 items where 0 bytes are left"),
                poison(
                        "unknown fingerprint",
                        unknownFingerprint,
                        "unknown TextEvent schema: fingerprint [0-9a-f]{16} is not a known version"),
                poison(
                        "invalid UTF-8",
                        new byte[] {'o', 'k', (byte) 0xFF, 'x'},
                        "invalid UTF-8 at byte 2"),
                poison(
                        "UTF-8 encoded surrogate",
                        new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        "invalid UTF-8 at byte 1"),
                poison("empty value", new byte[0], "empty record value"),
                poison("null value (tombstone)", null, "empty record value"),
                poison("whitespace only", utf8(" \t\r\n  \u3000 "), "empty text"),
                poison("BOM only", utf8("\uFEFF"), "empty text"),
                poison("NUL", utf8("abc\u0000def"), "control character U\\+0000 at index 3"),
                poison(
                        "other control characters",
                        utf8("ring \u0007 the bell"),
                        "control character U\\+0007 at index 5"),
                // Not blank to Java, and valid: the model refuses it later (no known tokens).
                poison("zero-width and no-break spaces only", utf8("\u200B\u00A0\u200B"), SCORED),
                poison("emoji only", utf8("\uD83D\uDE00\uD83D\uDE02\uD83D\uDC4D"), SCORED),
                poison(
                        "mixed scripts with right-to-left marks",
                        utf8(
                                "Order \u200F\u05D4\u05D6\u05DE\u05E0\u05D4\u200E #42 \u0645\u0631\u062D\u0628\u0627 \u4F60\u597D"),
                        SCORED),
                poison(
                        "byte order mark before JSON",
                        utf8("\uFEFF{\"text\": \"BOM first\"}"),
                        SCORED),
                poison("100,000-character token", utf8("a".repeat(100_000)), SCORED),
                poison(
                        "over the size limit",
                        utf8("b".repeat(LIMIT + 1)),
                        "record of 200001 bytes exceeds the limit of 200000"),
                poison(
                        "JSON without text",
                        utf8("{\"id\": \"x\", \"body\": \"hi\"}"),
                        "JSON object has no field 'text'"),
                poison("empty JSON object", utf8("{}"), "JSON object has no field 'text'"),
                poison(
                        "JSON text of another type",
                        utf8("{\"text\": [\"a\"]}"),
                        "field 'text' must be a string, was an array"),
                poison("JSON text null", utf8("{\"text\": null}"), "field 'text' is null"),
                poison(
                        "JSON nested 5,000 deep",
                        utf8("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)),
                        "invalid JSON: .*nesting depth.*"),
                poison(
                        "JSON arrays nested 5,000 deep",
                        utf8("[".repeat(5_000) + "]".repeat(5_000)),
                        "invalid JSON: .*nesting depth.*"),
                poison(
                        "truncated JSON",
                        utf8("{\"id\": \"t\", \"text\": \"half a rec"),
                        "invalid JSON: .*end-of-input.*"),
                poison(
                        "top-level JSON array",
                        utf8("[{\"text\": \"a\"}, {\"text\": \"b\"}]"),
                        "JSON value is an array, not an object"),
                poison(
                        "unpaired surrogate escape in text",
                        utf8("{\"text\": \"broken \\ud83d emoji\"}"),
                        "unpaired high surrogate at index 7"),
                poison(
                        "unpaired low surrogate escape in text",
                        utf8("{\"text\": \"\\ude00 starts low\"}"),
                        "unpaired low surrogate at index 0"),
                poison(
                        "unpaired surrogate escape in id",
                        utf8("{\"id\": \"a\\udc00\", \"text\": \"ok\"}"),
                        "field 'id' has an unpaired surrogate at index 1"),
                poison("HTML", utf8("<script>alert('x')</script><b>great</b> product"), SCORED),
                poison("SQL injection", utf8("Robert'); DROP TABLE students;-- was here"), SCORED),
                poison(
                        "JSON with HTML in text",
                        utf8("{\"text\": \"<img src=x onerror=alert(1)>\"}"),
                        SCORED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsInExactlyOneOutputWithItsReason(String name, byte[] value, String reason)
            throws Exception {
        var harness =
                new OneInputStreamOperatorTestHarness<RawRecord, TextEvent>(
                        new ProcessOperator<>(new ParseFunction(LIMIT)));
        harness.open();
        try {
            long allocatedBefore = allocatedBytes();
            harness.processElement(
                    new StreamRecord<>(new RawRecord("texts", 3, 77L, KAFKA_TIME, value)));
            // A forged length must not make the parser allocate what it claims.
            assertThat(allocatedBytes() - allocatedBefore).isLessThan(64L << 20);

            List<TextEvent> events = harness.extractOutputValues();
            var side = harness.getSideOutput(OutputTags.DEAD_LETTERS);
            List<DeadLetter> dead =
                    side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
            assertThat(events.size() + dead.size()).as("outputs").isEqualTo(1);
            if (reason == SCORED) {
                assertThat(dead).isEmpty();
                TextEvent event = events.get(0);
                assertThat(event.getId()).isEqualTo("texts-3-77");
                TextValidator.check(event.getText());
            } else {
                assertThat(events).isEmpty();
                DeadLetter d = dead.get(0);
                assertThat(d.getReason()).matches(reason);
                assertThat(d.getStage()).isEqualTo("PARSE");
                assertThat(d.getOffset()).isEqualTo(77L);
                assertThat(d.getOriginalLength())
                        .isEqualTo(value == null ? 0L : (long) value.length);
            }
        } finally {
            harness.close();
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static Arguments poison(String name, byte[] value, String reason) {
        return Arguments.of(name, value, reason);
    }

    /** The single-object header of {@code encoded}, then the given body bytes. */
    private static byte[] avroBody(byte[] encoded, int... body) {
        byte[] out = Arrays.copyOf(encoded, 10 + body.length);
        for (int i = 0; i < body.length; i++) {
            out[10 + i] = (byte) body[i];
        }
        return out;
    }

    private static TextEvent event(String text) {
        return TextEvent.newBuilder().setId("a").setText(text).setEventTime(KAFKA_TIME).build();
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
