package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobConfiguration;
import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.jobs.PipelineSettings;
import io.nlpstream.jobs.Sources;
import io.nlpstream.jobs.kafka.KafkaConnectors;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.serving.datasets.LabelledText;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault F: a model that fails every call fails the task, which restarts; its texts are scored after
 * the restart rather than dead-lettered.
 */
class BrokenModelITCase {
    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    @Test
    void aModelFailingEveryCallRestartsTheJobAndDeadLettersNothing() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "broken-model");
        topics.options.set(JobOptions.BOUNDED, true);
        topics.options.set(JobOptions.CHECKPOINT_INTERVAL_MS, 300L);
        List<LabelledText> texts = TestInputs.numbered(1_000);
        topics.send(
                topics.options.get(JobOptions.INPUT_TOPIC),
                TestInputs.all(texts, TestInputs::avro));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobConfiguration.configureEnvironment(env, topics.options);
        PipelineSettings real = PipelineSettings.fromOptions(topics.options);
        BrokenFirstModelClassifierProvider.reset();
        NlpStreamJob.defineWorkflow(
                Sources.fromKafka(env, topics.options),
                KafkaConnectors.sinks(topics.options),
                new PipelineSettings(
                        real.maxRecordBytes(),
                        real.decisionBufferTimeoutMs(),
                        real.batching(),
                        new BrokenFirstModelClassifierProvider(real.classifiers(), PARALLELISM),
                        real.thresholds(),
                        real.drift()));
        JobClient job = env.executeAsync("broken-model");
        job.getJobExecutionResult().get(5, TimeUnit.MINUTES);

        // The broken classifiers were called and refused; the tasks were opened again (a restart)
        // with working ones, which scored every text.
        assertThat(BrokenFirstModelClassifierProvider.REFUSED_CALLS.get()).isPositive();
        assertThat(BrokenFirstModelClassifierProvider.ACQUIRED.get())
                .isGreaterThanOrEqualTo(2 * PARALLELISM);
        assertThat(BrokenFirstModelClassifierProvider.SCORED_TEXTS.get())
                .isGreaterThanOrEqualTo(texts.size());
        try (OutputReader out = new OutputReader(topics.options)) {
            assertThat(out.pollUntil(() -> out.accounted() >= texts.size(), Duration.ofSeconds(60)))
                    .isTrue();
            out.poll(Duration.ofSeconds(2));

            assertThat(out.deadLetters)
                    .extracting(DeadLetter::getStage)
                    .doesNotContain(
                            io.nlpstream.operators.batching.MicroBatchInferenceOperator.STAGE);
            assertThat(out.accountedIds())
                    .containsExactlyInAnyOrderElementsOf(
                            texts.stream().map(LabelledText::id).toList());
        }
    }
}
