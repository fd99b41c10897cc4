package io.nlpstream.jobs.cluster;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.kafka.KafkaClientProperties;
import io.nlpstream.jobs.kafka.KafkaClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics a job with the given options reads and writes, created on a broker where they are
 * missing: the record topics with as many partitions as the job has subtasks, the others with one.
 */
public final class JobTopics {
    private JobTopics() {}

    public static Map<String, Integer> partitions(Configuration options) {
        int partitions = Math.max(2, options.get(JobOptions.PARALLELISM));
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(options.get(JobOptions.INPUT_TOPIC), partitions);
        topics.put(options.get(JobOptions.PREDICTIONS_TOPIC), partitions);
        topics.put(options.get(JobOptions.REVIEW_TOPIC), partitions);
        topics.put(options.get(JobOptions.ALERTS_TOPIC), 1);
        topics.put(options.get(JobOptions.DEAD_LETTER_TOPIC), 1);
        topics.put(options.get(JobOptions.RULES_TOPIC), 1);
        topics.put(options.get(JobOptions.CONTROL_TOPIC), 1);
        topics.put(options.get(JobOptions.FEEDBACK_TOPIC), partitions);
        topics.put(options.get(JobOptions.DRIFT_TOPIC), 1);
        return topics;
    }

    /** Creates the missing topics; returns the names it created. */
    public static List<String> createMissing(String bootstrapServers, Configuration options)
            throws Exception {
        try (Admin admin =
                KafkaClients.admin(bootstrapServers, KafkaClientProperties.of(options))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            partitions(options)
                    .forEach(
                            (name, count) -> {
                                if (!existing.contains(name)) {
                                    missing.add(new NewTopic(name, count, (short) 1));
                                }
                            });
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}
