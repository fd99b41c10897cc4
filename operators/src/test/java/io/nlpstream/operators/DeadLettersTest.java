package io.nlpstream.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.parsing.RawRecord;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.TextEvent;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void aLargeOriginalIsCutToTheBoundAndKeepsItsLengthAndHash() throws Exception {
        byte[] value = new byte[175_000];
        Arrays.fill(value, (byte) 0x80);
        DeadLetter d =
                DeadLetters.fromRaw(
                        new RawRecord("texts", 1, 9L, 5L, value),
                        "PARSE",
                        new IllegalStateException("x".repeat(100_000)));

        assertThat(d.getOriginal().remaining()).isEqualTo(DeadLetters.MAX_ORIGINAL_BYTES);
        assertThat(bytes(d.getOriginal()))
                .isEqualTo(Arrays.copyOf(value, DeadLetters.MAX_ORIGINAL_BYTES));
        assertThat(d.getOriginalLength()).isEqualTo(175_000L);
        assertThat(d.getOriginalSha256()).isEqualTo(sha256(value));
        assertThat(d.getReason()).hasSize(DeadLetters.MAX_REASON_CHARS).endsWith("...");
    }

    @Test
    void aSmallOriginalIsKeptWhole() throws Exception {
        byte[] value = {1, 2, 3};
        DeadLetter d =
                DeadLetters.fromBytes(value, "RULE_UPDATE", "bad rule", "RuleDecodingException");

        assertThat(bytes(d.getOriginal())).isEqualTo(value);
        assertThat(d.getOriginalLength()).isEqualTo(3L);
        assertThat(d.getOriginalSha256()).isEqualTo(sha256(value));
    }

    @Test
    void anEventsEncodingIsBoundedToo() throws Exception {
        TextEvent event =
                TextEvent.newBuilder()
                        .setId("e".repeat(5_000))
                        .setText("t".repeat(50_000))
                        .setEventTime(1L)
                        .build();
        DeadLetter d = DeadLetters.fromEvent(event, "INFERENCE", "too long", "InvalidText");

        assertThat(d.getOriginal().remaining()).isEqualTo(DeadLetters.MAX_ORIGINAL_BYTES);
        assertThat(d.getOriginalLength()).isGreaterThan(55_000L);
        assertThat(d.getId()).hasSize(DeadLetters.MAX_ID_CHARS);
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
