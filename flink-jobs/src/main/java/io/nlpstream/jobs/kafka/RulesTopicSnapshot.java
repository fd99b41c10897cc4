package io.nlpstream.jobs.kafka;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.operators.rules.LatestRules;
import io.nlpstream.operators.rules.RuleBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules the rules topic holds when the job is built, so that the rule engine starts with them.
 * The rules source reads the same records again from the earliest offset, but on its own stream:
 * without this, the first texts of a new deployment could reach the rule engine before the rules
 * published ahead of them.
 */
public final class RulesTopicSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(RulesTopicSnapshot.class);

    /** How long each step may take unless {@code kafka.properties.default.api.timeout.ms} says. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private RulesTopicSnapshot() {}

    /**
     * The active rules on the topic (committed records, folded by {@link LatestRules}); none when
     * the topic does not exist yet. A broker that cannot be read within the client's {@code
     * default.api.timeout.ms} (30 s unless set) is logged and the job starts without them, as it
     * did before: the rules still arrive by the stream.
     */
    public static List<byte[]> read(Configuration options) {
        String topic = options.get(JobOptions.RULES_TOPIC);
        Map<String, String> client = new HashMap<>(KafkaClientProperties.of(options));
        client.putIfAbsent(
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                String.valueOf(DEFAULT_TIMEOUT.toMillis()));
        client.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        Duration timeout =
                Duration.ofMillis(
                        Long.parseLong(client.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)));
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedReader(
                        options.get(JobOptions.BOOTSTRAP_SERVERS), client)) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            LatestRules rules = new LatestRules(RuleBudget.DEFAULT);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!readToEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("rules topic not read to its end in " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    rules.add(record.value());
                }
            }
            List<byte[]> active = rules.records();
            LOG.info("starting with {} rules from topic {}", active.size(), topic);
            return active;
        } catch (KafkaException e) {
            LOG.warn(
                    "could not read the rules on topic {} before the start; they arrive by the"
                            + " stream: {}",
                    topic,
                    e.getMessage());
            return List.of();
        }
    }

    /** True when every partition's position is at its end offset (read_committed: LSO). */
    private static boolean readToEnd(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
