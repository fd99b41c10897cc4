package io.nlpstream.jobs.kafka;

import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import java.nio.charset.StandardCharsets;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes one output type to its topic, keyed by record id, and stamps the emit time on records that
 * carry timings, so end-to-end latency covers everything up to the Kafka producer.
 */
public class OutputRecordSerializer<T extends SpecificRecord>
        implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final OutputFormat format;
    private final SerializableFunction<T, String> keyOf;
    private transient BinaryMessageEncoder<SpecificRecord> encoder;

    public OutputRecordSerializer(
            String topic, OutputFormat format, SerializableFunction<T, String> keyOf) {
        this.topic = topic;
        this.format = format;
        this.keyOf = keyOf;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T record, KafkaSinkContext context, Long timestamp) {
        long now = System.currentTimeMillis();
        if (record instanceof Prediction p) {
            p.getTimings().setEmitTime(now);
        } else if (record instanceof ReviewTask r) {
            r.getTimings().setEmitTime(now);
        }
        if (encoder == null) {
            encoder = new BinaryMessageEncoder<>(SpecificData.get(), record.getSchema());
        }
        String key = keyOf.apply(record);
        return new ProducerRecord<>(
                topic,
                null,
                now,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                format.encode(record, encoder));
    }
}
