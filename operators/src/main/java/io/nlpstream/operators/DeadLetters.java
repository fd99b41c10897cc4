package io.nlpstream.operators;

import io.nlpstream.operators.parsing.RawRecord;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.TextEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds DeadLetter records that keep the original bytes and say why they were rejected. */
public final class DeadLetters {
    private DeadLetters() {}

    public static DeadLetter fromRaw(RawRecord record, String stage, Throwable error) {
        byte[] value = record.value == null ? new byte[0] : record.value;
        return DeadLetter.newBuilder()
                .setId(null)
                .setOriginal(ByteBuffer.wrap(value))
                .setStage(stage)
                .setReason(reasonOf(error))
                .setErrorClass(error.getClass().getName())
                .setTopic(record.topic)
                .setPartition(record.partition)
                .setOffset(record.offset)
                .setIngestTime(record.timestamp)
                .setTime(System.currentTimeMillis())
                .build();
    }

    /** A dead letter for a parsed event; the original bytes are the event's Avro encoding. */
    public static DeadLetter fromEvent(
            TextEvent event, String stage, String reason, String errorClass) {
        return DeadLetter.newBuilder()
                .setId(event.getId())
                .setOriginal(encode(event))
                .setStage(stage)
                .setReason(reason)
                .setErrorClass(errorClass)
                .setIngestTime(event.getIngestTime())
                .setTime(System.currentTimeMillis())
                .build();
    }

    public static DeadLetter fromEvent(TextEvent event, String stage, Throwable error) {
        return fromEvent(event, stage, reasonOf(error), error.getClass().getName());
    }

    /** A dead letter for bytes that are not tied to an input record, such as a rule update. */
    public static DeadLetter fromBytes(
            byte[] bytes, String stage, String reason, String errorClass) {
        return DeadLetter.newBuilder()
                .setOriginal(ByteBuffer.wrap(bytes == null ? new byte[0] : bytes))
                .setStage(stage)
                .setReason(reason)
                .setErrorClass(errorClass)
                .setTime(System.currentTimeMillis())
                .build();
    }

    private static ByteBuffer encode(TextEvent event) {
        try {
            return event.toByteBuffer();
        } catch (Exception e) {
            // An event that cannot be encoded must still leave by the dead letters: keep its text.
            String text = event.getText() == null ? "" : event.getText();
            return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String reasonOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
