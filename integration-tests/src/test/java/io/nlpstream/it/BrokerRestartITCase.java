package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.serving.datasets.LabelledText;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault B: the Kafka broker is stopped mid-stream and started again on the same port and log
 * directory; the job recovers by itself and read_committed consumers see every record once.
 */
class BrokerRestartITCase {
    private static final int RECORDS = 1_500;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    @Test
    void aBrokerRestartMidStreamLosesAndDuplicatesNothing(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "broker-restart");
        topics.options.set(JobOptions.BOUNDED, true);
        topics.options.set(JobOptions.CHECKPOINT_INTERVAL_MS, 300L);
        List<LabelledText> texts = TestInputs.numbered(RECORDS);
        topics.send(
                topics.options.get(JobOptions.INPUT_TOPIC),
                TestInputs.all(texts, TestInputs::json));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, topics.options);
        RunningJob job = new RunningJob(cluster, env.executeAsync("broker-restart").getJobID());

        try (OutputReader out = new OutputReader(topics.options)) {
            // Mid-stream: some decisions are committed, most texts are still to come.
            assertThat(out.pollUntil(() -> out.accounted() >= RECORDS / 5, Duration.ofMinutes(2)))
                    .isTrue();
            long committedBeforeRestart = out.accounted();
            assertThat(committedBeforeRestart).isLessThan(RECORDS);
            String address = BROKER.kafka().bootstrapServers();
            BROKER.kafka().restartBroker(Duration.ofSeconds(5));
            assertThat(BROKER.kafka().bootstrapServers()).isEqualTo(address);

            JobResult result = cluster.requestJobResult(job.id).get(4, TimeUnit.MINUTES);
            assertThat(result.isSuccess()).as("the job recovered by itself").isTrue();
            assertThat(out.pollUntil(() -> out.accounted() >= RECORDS, Duration.ofSeconds(60)))
                    .isTrue();
            out.poll(Duration.ofSeconds(2));

            System.out.printf(
                    "broker restart: %d of %d decisions committed before it, %d job restarts%n",
                    committedBeforeRestart,
                    RECORDS,
                    job.checkpoints().getNumberOfRestoredCheckpoints());
            assertThat(out.accountedIds())
                    .containsExactlyInAnyOrderElementsOf(
                            texts.stream().map(LabelledText::id).toList());
        }
    }
}
