package io.nlpstream.it;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.local.EmbeddedKafka;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A fresh set of topics per test, the job options pointing at them, and a producer for input. */
final class KafkaTestTopics {
    final Configuration options = new Configuration();
    private final EmbeddedKafka kafka;

    KafkaTestTopics(EmbeddedKafka kafka, String prefix) throws Exception {
        this.kafka = kafka;
        options.set(JobOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        options.set(JobOptions.INPUT_TOPIC, prefix + "-texts");
        options.set(JobOptions.PREDICTIONS_TOPIC, prefix + "-predictions");
        options.set(JobOptions.REVIEW_TOPIC, prefix + "-review");
        options.set(JobOptions.ALERTS_TOPIC, prefix + "-alerts");
        options.set(JobOptions.DEAD_LETTER_TOPIC, prefix + "-dead-letters");
        options.set(JobOptions.RULES_TOPIC, prefix + "-rules");
        options.set(JobOptions.CONTROL_TOPIC, prefix + "-control");
        options.set(JobOptions.FEEDBACK_TOPIC, prefix + "-feedback");
        options.set(JobOptions.DRIFT_TOPIC, prefix + "-drift");
        options.set(JobOptions.GROUP_ID, prefix);
        options.set(JobOptions.TRANSACTIONAL_ID_PREFIX, prefix);
        options.set(JobOptions.PARALLELISM, 2);
        options.set(JobOptions.INTRA_OP_THREADS, 1);
        options.set(JobOptions.CHECKPOINT_INTERVAL_MS, 500L);
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(options.get(JobOptions.INPUT_TOPIC), 2);
        topics.put(options.get(JobOptions.PREDICTIONS_TOPIC), 2);
        topics.put(options.get(JobOptions.REVIEW_TOPIC), 2);
        topics.put(options.get(JobOptions.ALERTS_TOPIC), 1);
        topics.put(options.get(JobOptions.DEAD_LETTER_TOPIC), 1);
        topics.put(options.get(JobOptions.RULES_TOPIC), 1);
        topics.put(options.get(JobOptions.CONTROL_TOPIC), 1);
        topics.put(options.get(JobOptions.FEEDBACK_TOPIC), 2);
        topics.put(options.get(JobOptions.DRIFT_TOPIC), 1);
        kafka.createTopics(topics);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    void send(String topic, List<byte[]> values) {
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(kafka.bootstrapServers())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
        }
    }
}
