package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.PipelineSettings;
import io.nlpstream.jobs.Sources;
import io.nlpstream.jobs.kafka.KafkaConnectors;
import io.nlpstream.serving.datasets.LabelledText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A task failure injected mid-stream: read_committed consumers see every record exactly once. */
class ExactlyOnceITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    @Test
    void aFailureMidStreamLosesAndDuplicatesNothing() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "failover");
        topics.options.set(JobOptions.BOUNDED, true);
        topics.options.set(JobOptions.CHECKPOINT_INTERVAL_MS, 300L);
        List<LabelledText> texts = new ArrayList<>(TestInputs.sentences("amazon", 600));
        List<byte[]> input = TestInputs.all(texts, TestInputs::avro);
        topics.send(topics.options.get(JobOptions.INPUT_TOPIC), input);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobConfiguration.configureEnvironment(env, topics.options);
        PipelineSettings real = PipelineSettings.fromOptions(topics.options);
        PipelineSettings failing =
                new PipelineSettings(
                        real.maxRecordBytes(),
                        real.decisionBufferTimeoutMs(),
                        real.batching(),
                        new FailOnceClassifierProvider(real.classifiers(), 350),
                        real.thresholds(),
                        real.drift());
        NlpStreamJob.defineWorkflow(
                Sources.fromKafka(env, topics.options),
                KafkaConnectors.sinks(topics.options),
                failing);
        env.execute("failover");

        assertThat(FailOnceClassifierProvider.FAILED).isTrue();
        try (OutputReader out = new OutputReader(topics.options)) {
            assertThat(out.pollUntil(() -> out.accounted() >= input.size(), Duration.ofSeconds(60)))
                    .isTrue();
            out.poll(Duration.ofSeconds(2));

            Set<String> ids = new HashSet<>();
            out.predictions.forEach(p -> ids.add(p.getId()));
            out.review.forEach(r -> ids.add(r.getId()));
            assertThat(out.accounted()).isEqualTo(input.size());
            assertThat(ids).hasSize(input.size());
            assertThat(ids).containsAll(texts.stream().map(LabelledText::id).toList());
        }
    }
}
