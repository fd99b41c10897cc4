package io.nlpstream.operators.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Rule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

// The harnesses are AutoCloseable with a close() that declares Exception.
@SuppressWarnings("try")
class RuleParserTest {

    @Test
    void readsAvroAndJsonAndDeadLettersTheRest() throws Exception {
        Rule avroRule = RuleFixtures.rule("a", "REGEX", "x+", "ROUTE", "q");
        ByteBuffer encoded = avroRule.toByteBuffer();
        byte[] avro = new byte[encoded.remaining()];
        encoded.get(avro);
        byte[] json =
                ("{\"id\":\"j\",\"kind\":\"KEYWORD\",\"expression\":\"refund\","
                                + "\"action\":\"FORCE_REVIEW\",\"version\":1}")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] garbage = {(byte) 0xff, 0x00, 0x41};

        try (OneInputStreamOperatorTestHarness<byte[], Rule> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new RuleParser())) {
            harness.setProcessingTime(7_000L);
            harness.processElement(avro, 100L);
            harness.processElement(json, 101L);
            harness.processElement(garbage, 102L);

            List<Rule> rules = harness.extractOutputValues();
            assertThat(rules).extracting(Rule::getId).containsExactly("a", "j");
            assertThat(rules.get(0)).isEqualTo(avroRule);

            List<DeadLetter> deadLetters = new ArrayList<>();
            harness.getSideOutput(OutputTags.DEAD_LETTERS)
                    .forEach((StreamRecord<DeadLetter> r) -> deadLetters.add(r.getValue()));
            assertThat(deadLetters).hasSize(1);
            DeadLetter dead = deadLetters.get(0);
            assertThat(dead.getStage()).isEqualTo("RULE_UPDATE");
            assertThat(dead.getReason())
                    .startsWith("neither an Avro single-object Rule nor JSON: ");
            assertThat(dead.getErrorClass()).isEqualTo(RuleDecodingException.class.getName());
            assertThat(dead.getId()).isNull();
            assertThat(dead.getOriginal()).isEqualTo(ByteBuffer.wrap(garbage));
            assertThat(dead.getIngestTime()).isEqualTo(102L);
            assertThat(dead.getTime()).isEqualTo(7_000L);
        }
    }
}
