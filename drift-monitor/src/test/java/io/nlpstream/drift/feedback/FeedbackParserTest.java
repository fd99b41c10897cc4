package io.nlpstream.drift.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.operators.OutputTags;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Feedback;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class FeedbackParserTest {

    @Test
    void readsAvroAndJsonAndSendsEverythingElseToTheDeadLetters() throws Exception {
        var harness = ProcessFunctionTestHarnesses.forProcessFunction(new FeedbackParser());
        Feedback avro = Feedback.newBuilder().setId("a").setLabel("spam").setTime(5L).build();
        ByteBuffer encoded = avro.toByteBuffer();
        byte[] avroBytes = new byte[encoded.remaining()];
        encoded.get(avroBytes);

        harness.processElement(avroBytes, 0L);
        harness.processElement(utf8("{\"id\": \"b\", \"label\": \"ham\", \"time\": 7}"), 0L);
        harness.processElement(utf8("{\"id\": \"c\"}"), 0L);
        harness.processElement(new byte[0], 0L);

        assertThat(harness.extractOutputValues())
                .extracting(Feedback::getId, Feedback::getLabel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", "spam"),
                        org.assertj.core.groups.Tuple.tuple("b", "ham"));
        assertThat(harness.getSideOutput(OutputTags.DEAD_LETTERS))
                .extracting(StreamRecord::getValue)
                .extracting(DeadLetter::getStage, DeadLetter::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "FEEDBACK",
                                "unreadable feedback: expected a JSON object with 'id' and 'label'"),
                        org.assertj.core.groups.Tuple.tuple(
                                "FEEDBACK", "unreadable feedback: empty record"));
        harness.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
