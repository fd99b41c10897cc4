package io.nlpstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

class BufferTimeoutTest {
    @Test
    void onlyTheDecisionPathAndItsRulesFlushTheirNetworkBuffersEarly() {
        Configuration options = new Configuration();
        options.set(JobOptions.BOOTSTRAP_SERVERS, "localhost:9092");
        // no broker there: the job reads no rules at the start, and need not wait 30 s to know
        options.setString(JobOptions.KAFKA_PROPERTIES_PREFIX + "default.api.timeout.ms", "500");
        options.set(JobOptions.BUFFER_TIMEOUT_MS, 7L);
        options.set(JobOptions.SIDE_BUFFER_TIMEOUT_MS, 150L);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        NlpStreamJob.buildJob(env, options);
        Map<String, Long> timeouts =
                env.getStreamGraph().getStreamNodes().stream()
                        .collect(
                                Collectors.toMap(
                                        StreamNode::getOperatorName,
                                        StreamNode::getBufferTimeout,
                                        (a, b) -> a));

        assertThat(timeouts)
                .containsEntry("parse", 7L)
                .containsEntry("micro-batch inference", 7L)
                .containsEntry("confidence router", 7L)
                // rules take part in every decision: at a start they must not trail the texts
                .containsEntry("rule parser", 7L)
                .containsEntry("feedback parser", 150L)
                .containsEntry("model control parser", 150L)
                .containsEntry("retrainer", 150L);
    }
}
