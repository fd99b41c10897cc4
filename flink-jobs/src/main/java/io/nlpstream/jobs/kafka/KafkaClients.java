package io.nlpstream.jobs.kafka;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients of raw bytes, as the command line and the local runs use them. */
public final class KafkaClients {
    private KafkaClients() {}

    /**
     * An idempotent producer (acks=all) of byte-array values with the client's default linger (5
     * ms), which batches a stream's records into fewer requests; {@code extra} overrides settings.
     */
    public static KafkaProducer<byte[], byte[]> producer(
            String bootstrapServers, Map<String, ?> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(extra);
        return new KafkaProducer<>(props);
    }

    public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return producer(bootstrapServers, Map.of());
    }

    /**
     * A consumer that reads from the earliest offset and sees committed transactions only, as a
     * downstream reader of exactly-once outputs must.
     */
    public static KafkaConsumer<byte[], byte[]> readCommittedConsumer(
            String bootstrapServers, String groupId) {
        return readCommittedConsumer(bootstrapServers, groupId, Map.of());
    }

    /** As above, with further client settings (security, see {@link KafkaClientProperties}). */
    public static KafkaConsumer<byte[], byte[]> readCommittedConsumer(
            String bootstrapServers, String groupId, Map<String, ?> extra) {
        Properties props = readCommittedProperties(bootstrapServers, extra);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props);
    }

    /**
     * A read_committed consumer without a group, for partitions the caller assigns and seeks
     * itself; it commits nothing.
     */
    public static KafkaConsumer<byte[], byte[]> readCommittedReader(
            String bootstrapServers, Map<String, ?> extra) {
        return new KafkaConsumer<>(readCommittedProperties(bootstrapServers, extra));
    }

    private static Properties readCommittedProperties(
            String bootstrapServers, Map<String, ?> extra) {
        Properties props = new Properties();
        props.putAll(extra);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return props;
    }

    /**
     * An admin client with further client settings (security, see {@link KafkaClientProperties}).
     */
    public static Admin admin(String bootstrapServers, Map<String, ?> extra) {
        Properties props = new Properties();
        props.putAll(extra);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    /** The remaining bytes of an encoded record (such as {@code record.toByteBuffer()}). */
    public static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
