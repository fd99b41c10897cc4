package io.nlpstream.jobs.bench;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes records to a topic before a job starts, spread evenly over its partitions. */
final class TopicFiller {
    private final String bootstrapServers;

    TopicFiller(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void fill(String topic, int partitions, List<byte[]> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            // Round robin rather than the sticky default, so that every subtask gets an equal
            // share.
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, values.get(i)));
            }
            producer.flush();
        }
    }

    /** Publishes the starter rules the local run uses, so the rule engine does its usual work. */
    void publishStarterRules(String topic) {
        fill(topic, 1, StarterRules.load());
    }
}
