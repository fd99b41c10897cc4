package io.nlpstream.operators.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nlpstream.schemas.Rule;
import io.nlpstream.schemas.SingleObjectEncoding;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;

/** Reads a rules-topic record: an Avro single-object {@link Rule} or a JSON rule. */
public final class RuleDecoder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of(
                    "id",
                    "kind",
                    "expression",
                    "action",
                    "action_arg",
                    "priority",
                    "version",
                    "enabled",
                    "deleted",
                    "description");

    private RuleDecoder() {}

    /**
     * The rule {@code bytes} hold: Avro when they start with the single-object marker {@code C3
     * 01}, else JSON, where {@code id} and {@code version} are required, {@code kind}, {@code
     * expression} and {@code action} too unless {@code deleted} is true, and unknown fields are
     * rejected so that a typo such as {@code "enable": false} cannot pass unnoticed.
     */
    public static Rule decode(byte[] bytes) throws RuleDecodingException {
        if (bytes == null || bytes.length == 0) {
            throw new RuleDecodingException("empty rule record");
        }
        if (SingleObjectEncoding.isSingleObject(bytes)) {
            return decodeAvro(bytes);
        }
        return decodeJson(bytes);
    }

    private static Rule decodeAvro(byte[] bytes) throws RuleDecodingException {
        try {
            return Rule.getDecoder().decode(bytes);
        } catch (IOException | AvroRuntimeException e) {
            throw new RuleDecodingException(
                    "invalid Avro single-object Rule: " + e.getMessage(), e);
        }
    }

    private static Rule decodeJson(byte[] bytes) throws RuleDecodingException {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new RuleDecodingException(
                    "neither an Avro single-object Rule nor JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RuleDecodingException(
                    "neither an Avro single-object Rule nor JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new RuleDecodingException(
                    "rule JSON must be an object, got "
                            + (root == null ? "nothing" : root.getNodeType()));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new RuleDecodingException("rule JSON has unknown field '" + name + "'");
            }
        }
        boolean deleted = bool(root, "deleted", false);
        Rule.Builder rule =
                Rule.newBuilder()
                        .setId(text(root, "id", true))
                        .setVersion(longValue(root, "version"))
                        .setDeleted(deleted)
                        .setKind(orEmpty(text(root, "kind", !deleted)))
                        .setExpression(orEmpty(text(root, "expression", !deleted)))
                        .setAction(orEmpty(text(root, "action", !deleted)))
                        .setActionArg(text(root, "action_arg", false))
                        .setEnabled(bool(root, "enabled", true))
                        .setDescription(text(root, "description", false));
        if (present(root, "priority")) {
            JsonNode priority = root.get("priority");
            if (!priority.isInt()) {
                throw new RuleDecodingException("rule JSON field 'priority' must be an int");
            }
            rule.setPriority(priority.intValue());
        }
        return rule.build();
    }

    private static boolean present(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && !node.isNull();
    }

    private static String text(JsonNode root, String field, boolean required)
            throws RuleDecodingException {
        if (!present(root, field)) {
            if (required) {
                throw new RuleDecodingException("rule JSON is missing field '" + field + "'");
            }
            return null;
        }
        JsonNode node = root.get(field);
        if (!node.isTextual()) {
            throw new RuleDecodingException("rule JSON field '" + field + "' must be a string");
        }
        return node.textValue();
    }

    private static long longValue(JsonNode root, String field) throws RuleDecodingException {
        if (!present(root, field)) {
            throw new RuleDecodingException("rule JSON is missing field '" + field + "'");
        }
        JsonNode node = root.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new RuleDecodingException("rule JSON field '" + field + "' must be an integer");
        }
        return node.longValue();
    }

    private static boolean bool(JsonNode root, String field, boolean fallback)
            throws RuleDecodingException {
        if (!present(root, field)) {
            return fallback;
        }
        JsonNode node = root.get(field);
        if (!node.isBoolean()) {
            throw new RuleDecodingException("rule JSON field '" + field + "' must be a boolean");
        }
        return node.booleanValue();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
