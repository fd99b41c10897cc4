package io.nlpstream.operators.parsing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.schemas.TextEvent;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a TextEvent from a JSON object {@code {"id", "text", "source", "time", "key", "metadata"}},
 * and tells a JSON record from a plain text that merely starts with a brace or a bracket.
 */
final class JsonEventReader {
    /** Deeper documents are refused; an event is flat, its metadata one level deeper. */
    static final int MAX_NESTING_DEPTH = 64;

    private final JsonFactory factory =
            JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(MAX_NESTING_DEPTH)
                                    .build())
                    .build();
    private final ObjectMapper json =
            new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * True when the text is meant as JSON: an object that opens with a quoted field name and a
     * colon (or is empty), or a complete JSON array. Anything else is plain text, however it
     * starts.
     */
    boolean isJson(String trimmed) {
        if (trimmed.startsWith("{")) {
            try (JsonParser parser = factory.createParser(trimmed)) {
                parser.nextToken();
                JsonToken second = parser.nextToken();
                return second == JsonToken.FIELD_NAME || second == JsonToken.END_OBJECT;
            } catch (IOException e) {
                return false;
            }
        }
        if (trimmed.startsWith("[")) {
            try {
                json.readTree(trimmed);
                return true;
            } catch (StreamConstraintsException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    TextEvent read(String text, RawRecord record) throws MalformedInputException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedInputException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedInputException("JSON value is " + kind(node) + ", not an object");
        }
        return TextEvent.newBuilder()
                .setId(EventIds.resolve(id(node.get("id")), record))
                .setSource(orElse(string(node, "source"), record.topic))
                .setText(text(node.get("text")))
                .setEventTime(eventTime(node.get("time")))
                .setMetadata(withKey(metadata(node.get("metadata")), node.get("key")))
                .build();
    }

    private static String text(JsonNode text) throws MalformedInputException {
        if (text == null) {
            throw new MalformedInputException("JSON object has no field 'text'");
        }
        if (text.isNull()) {
            throw new MalformedInputException("field 'text' is null");
        }
        if (!text.isTextual()) {
            throw new MalformedInputException("field 'text' must be a string, was " + kind(text));
        }
        // Unpaired surrogates in the text are refused by TextValidator, with their index.
        return text.asText();
    }

    private static String id(JsonNode id) throws MalformedInputException {
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() && !id.isNumber()) {
            throw new MalformedInputException(
                    "field 'id' must be a string or a number, was " + kind(id));
        }
        return paired("id", id.asText());
    }

    private static String string(JsonNode node, String field) throws MalformedInputException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedInputException(
                    "field '" + field + "' must be a string, was " + kind(value));
        }
        return paired(field, value.asText());
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Epoch milliseconds, 0 when absent; out-of-range times are for EventTimeBounds to judge. */
    private static long eventTime(JsonNode time) throws MalformedInputException {
        if (time == null || time.isNull()) {
            return 0;
        }
        if (time.isNumber()) {
            return time.asLong(); // a fractional or huge number saturates
        }
        Instant instant;
        try {
            instant = Instant.parse(time.asText());
        } catch (DateTimeException e) {
            throw new MalformedInputException(
                    "field 'time' is neither epoch milliseconds nor ISO-8601: "
                            + abbreviate(time.toString()),
                    e);
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
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
            JsonNode value = e.getValue();
            metadata.put(
                    paired("metadata", e.getKey()),
                    paired("metadata", value.isTextual() ? value.asText() : value.toString()));
        }
        return metadata;
    }

    /** Refuses unpaired surrogates, which Avro would silently turn into '?'. */
    private static String paired(String field, String value) throws MalformedInputException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new MalformedInputException(
                        "field '" + field + "' has an unpaired surrogate at index " + i);
            }
        }
        return value;
    }

    private static String kind(JsonNode node) {
        if (node == null) {
            return "empty";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    /** A top-level {@code key} (what the text is about) is kept as the metadata entry "key". */
    private static Map<String, String> withKey(Map<String, String> metadata, JsonNode key)
            throws MalformedInputException {
        if (key != null && key.isValueNode() && !key.isNull()) {
            metadata.put("key", paired("key", key.asText()));
        }
        return metadata;
    }
}
