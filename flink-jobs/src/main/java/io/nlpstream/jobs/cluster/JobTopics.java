package io.nlpstream.jobs.cluster;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.kafka.KafkaClientProperties;
import io.nlpstream.jobs.kafka.KafkaClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics a job with the given options reads and writes ({@link
 * io.nlpstream.jobs.local.JobTopics}), created on a cluster's broker where they are missing.
 */
public final class JobTopics {
    private JobTopics() {}

    /** Every topic the options name, the record topics with one partition per subtask. */
    public static Map<String, Integer> partitions(Configuration options) {
        return io.nlpstream.jobs.local.JobTopics.partitions(
                options, Math.max(2, options.get(JobOptions.PARALLELISM)));
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
