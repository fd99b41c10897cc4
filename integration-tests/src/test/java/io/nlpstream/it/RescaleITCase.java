package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault C: the job is rescaled through savepoints, 2 -> 1 -> 2, while its micro-batch buffers hold
 * unscored texts (operator state) and the feedback join holds a label for every text (keyed state,
 * waiting for the predictions); the buffers are split and merged across subtasks, every label meets
 * its prediction after the rescale, and nothing is lost.
 */
class RescaleITCase {
    private static final int PER_PHASE = 300;
    private static final String UNKNOWN_LABEL = "no-such-label";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    @Test
    void rescalingTwoOneTwoThroughSavepointsLosesNothing(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path savepoints) throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "rescale");
        topics.options.set(JobOptions.CHECKPOINT_INTERVAL_MS, 300L);
        String input = topics.options.get(JobOptions.INPUT_TOPIC);
        String feedback = topics.options.get(JobOptions.FEEDBACK_TOPIC);
        List<LabelledText> texts = TestInputs.numbered(3 * PER_PHASE);
        List<String> ids = texts.stream().map(LabelledText::id).toList();
        // A label the model does not have: each one leaves as a dead letter of the feedback only
        // when it meets its prediction, so each such dead letter shows one keyed state that moved.
        topics.send(feedback, ids.stream().map(RescaleITCase::unknownLabel).toList());

        try (OutputReader out = new OutputReader(topics.options)) {
            // Phases at parallelism 2 and then 1 hold every text in the micro-batch buffers.
            holdInBuffers(topics);
            String savepoint = null;
            int[] parallelisms = {2, 1};
            for (int phase = 0; phase < parallelisms.length; phase++) {
                topics.options.set(JobOptions.PARALLELISM, parallelisms[phase]);
                JobID job = submit(cluster, topics, savepoint);
                topics.send(
                        input,
                        TestInputs.all(
                                texts.subList(phase * PER_PHASE, (phase + 1) * PER_PHASE),
                                TestInputs::json));
                awaitCheckpointed(topics, input, new RunningJob(cluster, job));
                awaitCheckpointed(topics, feedback, new RunningJob(cluster, job));
                out.poll(Duration.ofSeconds(1));
                assertThat(out.accounted()).as("texts scored before phase %d ends", phase).isZero();
                savepoint =
                        cluster.stopWithSavepoint(
                                        job,
                                        savepoints.toString(),
                                        false,
                                        SavepointFormatType.CANONICAL)
                                .get(2, TimeUnit.MINUTES);
            }

            // Back at parallelism 2 with the usual batching: the buffered texts are scored.
            topics.options.set(JobOptions.PARALLELISM, 2);
            topics.options.set(
                    JobOptions.LATENCY_TARGET_P99_MS,
                    JobOptions.LATENCY_TARGET_P99_MS.defaultValue());
            topics.options.set(JobOptions.BATCH_MAX_SIZE, JobOptions.BATCH_MAX_SIZE.defaultValue());
            topics.options.set(
                    JobOptions.BATCH_MAX_WAIT_MS, JobOptions.BATCH_MAX_WAIT_MS.defaultValue());
            JobID last = submit(cluster, topics, savepoint);
            topics.send(
                    input,
                    TestInputs.all(texts.subList(2 * PER_PHASE, texts.size()), TestInputs::json));
            boolean all =
                    out.pollUntil(
                            () ->
                                    out.accounted() >= ids.size()
                                            && labelsMet(out).size() >= ids.size(),
                            Duration.ofMinutes(2));
            out.poll(Duration.ofSeconds(2));
            cluster.cancelJob(last).get(1, TimeUnit.MINUTES);

            assertThat(all).isTrue();
            assertThat(out.accountedIds()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(labelsMet(out))
                    .as("labels that waited through the rescale and met their predictions")
                    .containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    private static byte[] unknownLabel(String id) {
        return ("{\"id\": \"" + id + "\", \"label\": \"" + UNKNOWN_LABEL + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Ids of the labels that met their prediction: dead letters of the feedback join. */
    private static List<String> labelsMet(OutputReader out) {
        return out.deadLetters.stream()
                .filter(d -> "FEEDBACK".equals(d.getStage()))
                .filter(d -> d.getReason().contains("'" + UNKNOWN_LABEL + "'"))
                .map(d -> d.getId())
                .toList();
    }

    /** Fixed batching that scores nothing during the test: every text stays in a buffer. */
    private static void holdInBuffers(KafkaTestTopics topics) {
        topics.options.set(JobOptions.LATENCY_TARGET_P99_MS, 0L);
        topics.options.set(JobOptions.BATCH_MAX_SIZE, 100_000);
        topics.options.set(JobOptions.BATCH_MAX_WAIT_MS, Duration.ofHours(1).toMillis());
    }

    private static JobID submit(MiniCluster cluster, KafkaTestTopics topics, String savepoint)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, topics.options);
        StreamGraph graph = env.getStreamGraph();
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        JobID job = cluster.submitJob(graph).get(1, TimeUnit.MINUTES).getJobID();
        new RunningJob(cluster, job).awaitAllTasksRunning(Duration.ofMinutes(1));
        return job;
    }

    /**
     * Waits until the topic's source has committed the topic's end offsets, which it does when a
     * checkpoint that holds every record of it completes.
     */
    private static void awaitCheckpointed(KafkaTestTopics topics, String topic, RunningJob job)
            throws Exception {
        String group = topics.options.get(JobOptions.GROUP_ID) + "-" + topic;
        try (Admin admin = BROKER.kafka().admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            RunningJob.await(
                    () -> {
                        Map<TopicPartition, OffsetAndMetadata> committed =
                                admin.listConsumerGroupOffsets(group)
                                        .partitionsToOffsetAndMetadata()
                                        .get(30, TimeUnit.SECONDS);
                        List<Boolean> done = new ArrayList<>();
                        ends.forEach(
                                (tp, end) ->
                                        done.add(
                                                end == 0
                                                        || committed.get(tp) != null
                                                                && committed.get(tp).offset()
                                                                        >= end));
                        return !done.contains(false);
                    },
                    Duration.ofMinutes(1),
                    () ->
                            "the input committed up to its end "
                                    + ends
                                    + "; committed: "
                                    + admin.listConsumerGroupOffsets(group)
                                            .partitionsToOffsetAndMetadata()
                                            .get(30, TimeUnit.SECONDS)
                                    + "; checkpoints: "
                                    + job.checkpoints().getNumberOfCompletedCheckpoints()
                                    + " completed, "
                                    + job.checkpoints().getNumberOfFailedCheckpoints()
                                    + " failed");
        }
    }
}
