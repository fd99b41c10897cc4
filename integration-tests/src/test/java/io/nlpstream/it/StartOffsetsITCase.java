package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Where a new deployment of the job (no checkpoint, no savepoint) starts reading. */
class StartOffsetsITCase {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final KafkaBrokerExtension BROKER = new KafkaBrokerExtension();

    @Test
    void resumesTheTextsWhereTheGroupCommittedAndStillHoldsEveryRule() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "redeploy");
        topics.options.set(JobOptions.BOUNDED, true);
        String input = topics.options.get(JobOptions.INPUT_TOPIC);
        String rules = topics.options.get(JobOptions.RULES_TOPIC);
        // What an earlier deployment read and committed with its last checkpoint.
        List<LabelledText> earlier = TestInputs.sentences("amazon", 30);
        topics.send(input, TestInputs.all(earlier, TestInputs::json));
        topics.send(
                rules,
                List.of(
                        ("{\"id\": \"review-all\", \"kind\": \"LABEL_CONFIDENCE\","
                                        + " \"expression\": \"confidence >= 0\","
                                        + " \"action\": \"FORCE_REVIEW\", \"action_arg\":"
                                        + " \"audit\", \"version\": 1}")
                                .getBytes(StandardCharsets.UTF_8)));
        commitEndOffsets(topics, input);
        commitEndOffsets(topics, rules);
        List<LabelledText> later = TestInputs.sentences("yelp", 20);
        topics.send(input, TestInputs.all(later, TestInputs::json));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, topics.options);
        env.execute("redeploy");

        try (OutputReader out = new OutputReader(topics.options)) {
            out.pollUntil(() -> out.accounted() >= later.size(), Duration.ofSeconds(60));
            out.poll(Duration.ofSeconds(2));

            // Every text after the committed offsets, once; none before them.
            List<String> decided = new java.util.ArrayList<>();
            out.predictions.forEach(p -> decided.add(p.getId()));
            out.review.forEach(r -> decided.add(r.getId()));
            assertThat(out.inputDeadLetters()).isEmpty();
            assertThat(decided)
                    .containsExactlyInAnyOrderElementsOf(
                            later.stream().map(LabelledText::id).toList());
            // The rule, read from the earliest offset, decides what reaches the rule engine after
            // it; at a start the first texts may still come before it (a known race), so only
            // the rule of what a rule sent to review is checked here.
            assertThat(out.review)
                    .filteredOn(r -> r.getReason().startsWith("RULE:"))
                    .allSatisfy(r -> assertThat(r.getReason()).isEqualTo("RULE:review-all"));
        }
    }

    /** Commits the topic's end offsets for the group the job's source of that topic uses. */
    private static void commitEndOffsets(KafkaTestTopics topics, String topic) throws Exception {
        String group = topics.options.get(JobOptions.GROUP_ID) + "-" + topic;
        try (Admin admin = BROKER.kafka().admin()) {
            int partitions =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic)
                            .partitions()
                            .size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> committed.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, committed).all().get(30, TimeUnit.SECONDS);
        }
    }
}
