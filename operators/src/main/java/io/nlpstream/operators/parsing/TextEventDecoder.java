package io.nlpstream.operators.parsing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.schemas.SingleObjectEncoding;
import io.nlpstream.schemas.TextEvent;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns the bytes of one input record into a TextEvent. Accepted: Avro single-object encoded
 * TextEvent, a JSON object {@code {"id", "text", "source", "time", "key", "metadata"}}, or plain
 * UTF-8 text. Anything else throws {@link MalformedInputException} with the reason.
 */
public final class TextEventDecoder {
    private final int maxTextBytes;
    private final ObjectMapper json = new ObjectMapper();

    public TextEventDecoder(int maxTextBytes) {
        if (maxTextBytes <= 0) {
            throw new IllegalArgumentException(
                    "maxTextBytes must be positive, was " + maxTextBytes);
        }
        this.maxTextBytes = maxTextBytes;
    }

    public TextEvent decode(RawRecord record) throws MalformedInputException {
        byte[] value = record.value;
        if (value == null || value.length == 0) {
            throw new MalformedInputException("empty record value");
        }
        if (value.length > maxTextBytes) {
            throw new MalformedInputException(
                    "record of " + value.length + " bytes exceeds the limit of " + maxTextBytes);
        }
        TextEvent event;
        if (SingleObjectEncoding.isSingleObject(value)) {
            event = decodeAvro(value);
        } else {
            String text = decodeUtf8(value);
            String trimmed = text.strip();
            event = trimmed.startsWith("{") ? decodeJson(trimmed, record) : plainText(text, record);
        }
        if (event.getText() == null || event.getText().isBlank()) {
            throw new MalformedInputException("empty text");
        }
        event.setIngestTime(record.timestamp);
        if (event.getEventTime() <= 0) {
            event.setEventTime(record.timestamp);
        }
        return event;
    }

    private static TextEvent decodeAvro(byte[] value) throws MalformedInputException {
        try {
            return TextEvent.getDecoder().decode(ByteBuffer.wrap(value));
        } catch (Exception e) {
            throw new MalformedInputException("invalid Avro TextEvent: " + describe(e), e);
        }
    }

    private static String decodeUtf8(byte[] value) throws MalformedInputException {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        CharBuffer out = CharBuffer.allocate(value.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedInputException("invalid UTF-8 at byte " + in.position());
        }
        try {
            result = decoder.flush(out);
            if (result.isError()) {
                result.throwException();
            }
        } catch (CharacterCodingException e) {
            throw new MalformedInputException("invalid UTF-8 at end of record", e);
        }
        return out.flip().toString();
    }

    private TextEvent decodeJson(String text, RawRecord record) throws MalformedInputException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedInputException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedInputException("invalid JSON: not an object");
        }
        JsonNode textNode = node.get("text");
        if (textNode == null || !textNode.isTextual()) {
            throw new MalformedInputException("JSON object has no string field 'text'");
        }
        return TextEvent.newBuilder()
                .setId(textOr(node, "id", generatedId(record)))
                .setSource(textOr(node, "source", record.topic))
                .setText(textNode.asText())
                .setEventTime(eventTime(node.get("time")))
                .setMetadata(withKey(metadata(node.get("metadata")), node.get("key")))
                .build();
    }

    private static TextEvent plainText(String text, RawRecord record) {
        return TextEvent.newBuilder()
                .setId(generatedId(record))
                .setSource(record.topic)
                .setText(text)
                .setEventTime(0)
                .setMetadata(new HashMap<>())
                .build();
    }

    /** Deterministic, so a replay after a failure produces the same ids. */
    static String generatedId(RawRecord record) {
        return record.topic + "-" + record.partition + "-" + record.offset;
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        return v.asText();
    }

    private static long eventTime(JsonNode time) throws MalformedInputException {
        if (time == null || time.isNull()) {
            return 0;
        }
        if (time.isNumber()) {
            return time.asLong();
        }
        try {
            return Instant.parse(time.asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new MalformedInputException(
                    "field 'time' is neither epoch milliseconds nor ISO-8601: " + time.asText(), e);
        }
    }

    private static Map<String, String> metadata(JsonNode node) throws MalformedInputException {
        Map<String, String> metadata = new HashMap<>();
        if (node == null || node.isNull()) {
            return metadata;
        }
        if (!node.isObject()) {
            throw new MalformedInputException("field 'metadata' must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            metadata.put(
                    e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
        return metadata;
    }

    /** A top-level {@code key} (what the text is about) is kept as the metadata entry "key". */
    private static Map<String, String> withKey(Map<String, String> metadata, JsonNode key) {
        if (key != null && key.isValueNode() && !key.isNull()) {
            metadata.put("key", key.asText());
        }
        return metadata;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
