package io.nlpstream.operators;

import io.nlpstream.operators.parsing.RawRecord;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.TextEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Builds DeadLetter records that say why a record was rejected and keep its original bytes, cut to
 * a bound (with the whole value's length and SHA-256), so a dead letter always fits its topic.
 */
public final class DeadLetters {
    /**
     * Most bytes of the original a dead letter carries. JSON output escapes a byte to at most 6
     * bytes, so the original takes at most 24 KiB of a dead letter.
     */
    public static final int MAX_ORIGINAL_BYTES = 4096;

    /** Most characters of a reason; longer reasons are cut and end in "...". */
    public static final int MAX_REASON_CHARS = 1024;

    /** Most characters of an id or an error class in a dead letter. */
    public static final int MAX_ID_CHARS = 1024;

    private DeadLetters() {}

    public static DeadLetter fromRaw(RawRecord record, String stage, Throwable error) {
        return bounded(record.value, stage, reasonOf(error), error.getClass().getName())
                .setTopic(record.topic)
                .setPartition(record.partition)
                .setOffset(record.offset)
                .setIngestTime(record.timestamp)
                .build();
    }

    /** A dead letter for a parsed event; the original bytes are the event's Avro encoding. */
    public static DeadLetter fromEvent(
            TextEvent event, String stage, String reason, String errorClass) {
        return bounded(encode(event), stage, reason, errorClass)
                .setId(cut(event.getId(), MAX_ID_CHARS))
                .setIngestTime(event.getIngestTime())
                .build();
    }

    public static DeadLetter fromEvent(TextEvent event, String stage, Throwable error) {
        return fromEvent(event, stage, reasonOf(error), error.getClass().getName());
    }

    /** A dead letter for bytes that are not tied to an input record, such as a rule update. */
    public static DeadLetter fromBytes(
            byte[] bytes, String stage, String reason, String errorClass) {
        return bounded(bytes, stage, reason, errorClass).build();
    }

    private static DeadLetter.Builder bounded(
            byte[] original, String stage, String reason, String errorClass) {
        byte[] value = original == null ? new byte[0] : original;
        return DeadLetter.newBuilder()
                .setId(null)
                .setOriginal(
                        ByteBuffer.wrap(
                                value.length <= MAX_ORIGINAL_BYTES
                                        ? value
                                        : Arrays.copyOf(value, MAX_ORIGINAL_BYTES)))
                .setOriginalLength((long) value.length)
                .setOriginalSha256(sha256(value))
                .setStage(stage)
                .setReason(cut(reason == null ? "" : reason, MAX_REASON_CHARS))
                .setErrorClass(cut(errorClass == null ? "" : errorClass, MAX_ID_CHARS))
                .setTime(System.currentTimeMillis());
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return s.substring(0, end) + "...";
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] encode(TextEvent event) {
        try {
            ByteBuffer buffer = event.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (Exception e) {
            // An event that cannot be encoded must still leave by the dead letters: keep its text.
            String text = event.getText() == null ? "" : event.getText();
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String reasonOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
