package io.nlpstream.operators.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.schemas.Rule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RuleDecoderTest {

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertUnreadable(byte[] bytes, String message) {
        assertThatThrownBy(() -> RuleDecoder.decode(bytes))
                .isInstanceOf(RuleDecodingException.class)
                .hasMessage(message);
    }

    @Test
    void readsAvroSingleObjectEncoding() throws Exception {
        Rule rule = RuleFixtures.rule("r1", "REGEX", "a+", "ROUTE", "q");
        ByteBuffer encoded = rule.toByteBuffer();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        assertThat(RuleDecoder.decode(bytes)).isEqualTo(rule);
    }

    @Test
    void readsJsonWithDefaults() throws Exception {
        Rule rule =
                RuleDecoder.decode(
                        utf8(
                                "{\"id\":\"r1\",\"kind\":\"KEYWORD\",\"expression\":\"refund\","
                                        + "\"action\":\"ROUTE\",\"action_arg\":\"billing\","
                                        + "\"version\":3}"));
        assertThat(rule)
                .isEqualTo(
                        Rule.newBuilder()
                                .setId("r1")
                                .setKind("KEYWORD")
                                .setExpression("refund")
                                .setAction("ROUTE")
                                .setActionArg("billing")
                                .setVersion(3L)
                                .build());
        assertThat(rule.getPriority()).isEqualTo(100);
        assertThat(rule.getEnabled()).isTrue();
        assertThat(rule.getDeleted()).isFalse();
    }

    @Test
    void readsJsonWithEveryField() throws Exception {
        Rule rule =
                RuleDecoder.decode(
                        utf8(
                                "{\"id\":\"r1\",\"kind\":\"REGEX\",\"expression\":\"x\","
                                        + "\"action\":\"ALERT\",\"action_arg\":null,"
                                        + "\"priority\":5,\"version\":9,\"enabled\":false,"
                                        + "\"deleted\":false,\"description\":\"d\"}"));
        assertThat(rule.getPriority()).isEqualTo(5);
        assertThat(rule.getVersion()).isEqualTo(9L);
        assertThat(rule.getEnabled()).isFalse();
        assertThat(rule.getActionArg()).isNull();
        assertThat(rule.getDescription()).isEqualTo("d");
    }

    @Test
    void aJsonDeletionNeedsOnlyIdAndVersion() throws Exception {
        Rule rule = RuleDecoder.decode(utf8("{\"id\":\"r1\",\"version\":4,\"deleted\":true}"));
        assertThat(rule.getDeleted()).isTrue();
        assertThat(rule.getId()).isEqualTo("r1");
        assertThat(rule.getKind()).isEmpty();
    }

    @Test
    void rejectsUnreadableRecords() {
        assertUnreadable(new byte[0], "empty rule record");
        assertUnreadable(utf8("[1,2]"), "rule JSON must be an object, got ARRAY");
        assertUnreadable(
                utf8("{\"id\":\"r1\",\"version\":1}"), "rule JSON is missing field 'kind'");
        assertUnreadable(
                utf8("{\"id\":\"r1\",\"kind\":\"REGEX\",\"expression\":\"x\",\"action\":\"DROP\"}"),
                "rule JSON is missing field 'version'");
        assertUnreadable(
                utf8("{\"id\":\"r1\",\"version\":\"2\",\"deleted\":true}"),
                "rule JSON field 'version' must be an integer");
        assertUnreadable(
                utf8("{\"id\":7,\"version\":2,\"deleted\":true}"),
                "rule JSON field 'id' must be a string");
        assertUnreadable(
                utf8("{\"id\":\"r\",\"version\":2,\"deleted\":\"yes\"}"),
                "rule JSON field 'deleted' must be a boolean");
        assertUnreadable(
                utf8("{\"id\":\"r\",\"version\":2,\"deleted\":true,\"priority\":1.5}"),
                "rule JSON field 'priority' must be an int");
        assertUnreadable(
                utf8("{\"id\":\"r\",\"version\":2,\"enable\":false}"),
                "rule JSON has unknown field 'enable'");
    }

    @Test
    void rejectsGarbageAndBrokenAvro() throws Exception {
        assertThatThrownBy(() -> RuleDecoder.decode(utf8("not a rule")))
                .isInstanceOf(RuleDecodingException.class)
                .hasMessageStartingWith("neither an Avro single-object Rule nor JSON: ");

        ByteBuffer encoded = RuleFixtures.rule("r1", "REGEX", "a+", "ROUTE", "q").toByteBuffer();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        assertThatThrownBy(() -> RuleDecoder.decode(Arrays.copyOf(bytes, 12)))
                .isInstanceOf(RuleDecodingException.class)
                .hasMessageStartingWith("invalid Avro single-object Rule: ");
        byte[] otherSchema = bytes.clone();
        otherSchema[5] ^= 0x55;
        assertThatThrownBy(() -> RuleDecoder.decode(otherSchema))
                .isInstanceOf(RuleDecodingException.class)
                .hasMessageStartingWith("invalid Avro single-object Rule: ");
    }
}
