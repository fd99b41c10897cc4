package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.serving.datasets.LabelledText;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fault A: a TaskManager is killed three times at random points of a long stream, each time after a
 * checkpoint completed, so that every recovery restores state; read_committed consumers still see
 * every record exactly once.
 */
class TaskManagerLossITCase {
    private static final int RECORDS = 20_000;
    private static final int KILLS = 3;

    // One slot per TaskManager, so that each of the two holds a subtask of every operator and a
    // kill always hits the job.
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(2)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    @Test
    void threeTaskManagerLossesLoseAndDuplicateNothing(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "tm-loss");
        topics.options.set(JobOptions.BOUNDED, true);
        topics.options.set(JobOptions.CHECKPOINT_INTERVAL_MS, 400L);
        List<LabelledText> texts = TestInputs.numbered(RECORDS);
        topics.send(
                topics.options.get(JobOptions.INPUT_TOPIC),
                TestInputs.all(texts, TestInputs::json));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, topics.options);
        RunningJob job = new RunningJob(cluster, env.executeAsync("tm-loss").getJobID());

        Random random = new Random(20_000L);
        // The task managers still alive, by their index in the MiniCluster (new ones are appended).
        int nextIndex = 2;
        int[] alive = {0, 1};
        long completedAtLastKill = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            job.awaitAllTasksRunning(Duration.ofMinutes(2));
            long completed = job.awaitCheckpointAfter(completedAtLastKill, Duration.ofMinutes(1));
            Thread.sleep(500 + random.nextInt(3_000));
            CheckpointStatsCounts before = job.checkpoints();
            assertThat(before.getNumberOfCompletedCheckpoints())
                    .as("checkpoints completed before kill %d", kill + 1)
                    .isGreaterThan(completedAtLastKill);
            int victim = random.nextInt(2);
            cluster.terminateTaskManager(alive[victim]).get(1, TimeUnit.MINUTES);
            cluster.startTaskManager();
            alive[victim] = nextIndex++;
            completedAtLastKill = Math.max(completed, before.getNumberOfCompletedCheckpoints());
            // Each loss is followed by a restore of the latest completed checkpoint.
            long restoresExpected = kill + 1;
            RunningJob.await(
                    () -> job.checkpoints().getNumberOfRestoredCheckpoints() >= restoresExpected,
                    Duration.ofMinutes(1),
                    "restore " + restoresExpected);
        }
        assertThat(cluster.requestJobResult(job.id).get(5, TimeUnit.MINUTES).isSuccess()).isTrue();
        assertThat(job.checkpoints().getNumberOfRestoredCheckpoints()).isEqualTo(KILLS);

        try (OutputReader out = new OutputReader(topics.options)) {
            assertThat(out.pollUntil(() -> out.accounted() >= texts.size(), Duration.ofSeconds(60)))
                    .isTrue();
            out.poll(Duration.ofSeconds(2));

            assertThat(out.accountedIds())
                    .containsExactlyInAnyOrderElementsOf(
                            texts.stream().map(LabelledText::id).toList());
        }
    }
}
