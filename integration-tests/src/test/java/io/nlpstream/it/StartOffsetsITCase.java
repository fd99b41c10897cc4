package io.nlpstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.NlpStreamJob;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.serving.datasets.LabelledText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
    private static final int HISTORY = 20_000;
    private static final byte[] REVIEW_ALL =
            utf8(
                    "{\"id\": \"review-all\", \"kind\": \"LABEL_CONFIDENCE\", \"expression\":"
                            + " \"confidence >= 0\", \"action\": \"FORCE_REVIEW\","
                            + " \"action_arg\": \"audit\", \"version\": 1}");

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
        topics.send(rules, List.of(REVIEW_ALL));
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

            // Every text after the committed offsets, once, none before them; the rule read
            // from the earliest offset decided every one.
            assertThat(out.inputDeadLetters()).isEmpty();
            assertThat(out.predictions).isEmpty();
            assertThat(out.review)
                    .extracting(ReviewTask::getId)
                    .containsExactlyInAnyOrderElementsOf(
                            later.stream().map(LabelledText::id).toList());
            assertThat(out.review)
                    .extracting(ReviewTask::getReason)
                    .containsOnly("RULE:review-all");
        }
    }

    /**
     * A first start: the rules topic holds a long history (thousands of updates) and the rule that
     * decides last. The rule stream replays that history beside the texts; the first texts must
     * still be decided by the rules as they stood at the start.
     */
    @Test
    void theRulesOnTheTopicAtAFirstStartDecideTheFirstText() throws Exception {
        KafkaTestTopics topics = new KafkaTestTopics(BROKER.kafka(), "first-start");
        topics.options.set(JobOptions.BOUNDED, true);
        String rules = topics.options.get(JobOptions.RULES_TOPIC);
        List<byte[]> history = new ArrayList<>();
        for (int version = 1; version <= HISTORY; version++) {
            history.add(
                    utf8(
                            "{\"id\": \"watch\", \"kind\": \"KEYWORD\", \"expression\":"
                                    + " \"zzzz-"
                                    + version
                                    + "\", \"action\": \"ALERT\", \"version\": "
                                    + version
                                    + "}"));
        }
        history.add(REVIEW_ALL);
        topics.send(rules, history);
        List<LabelledText> texts = TestInputs.sentences("imdb", 20);
        topics.send(
                topics.options.get(JobOptions.INPUT_TOPIC),
                TestInputs.all(texts, TestInputs::json));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        NlpStreamJob.buildJob(env, topics.options);
        env.execute("first-start");

        try (OutputReader out = new OutputReader(topics.options)) {
            out.pollUntil(() -> out.accounted() >= texts.size(), Duration.ofSeconds(60));
            out.poll(Duration.ofSeconds(1));

            assertThat(out.predictions).isEmpty();
            assertThat(out.review)
                    .extracting(ReviewTask::getReason)
                    .hasSize(texts.size())
                    .containsOnly("RULE:review-all");
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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
