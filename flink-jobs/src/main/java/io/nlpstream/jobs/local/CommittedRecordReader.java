package io.nlpstream.jobs.local;

import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.kafka.OutputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads every committed record of a derived-output topic (spike alerts, entity sentiment), in the
 * job's output format, until the topic has been quiet for a while.
 */
public final class CommittedRecordReader {
    private CommittedRecordReader() {}

    public static <T extends SpecificRecord> List<T> readAll(
            String bootstrapServers,
            String topic,
            OutputFormat format,
            Duration quiet,
            Class<T> type,
            Schema schema)
            throws IOException {
        List<T> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedConsumer(
                        bootstrapServers, "output-reader-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            long quietUntil = System.currentTimeMillis() + quiet.toMillis();
            while (System.currentTimeMillis() < quietUntil) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(decode(r.value(), format, type, schema));
                    quietUntil = System.currentTimeMillis() + quiet.toMillis();
                }
            }
        }
        return records;
    }

    private static <T extends SpecificRecord> T decode(
            byte[] value, OutputFormat format, Class<T> type, Schema schema) throws IOException {
        if (format == OutputFormat.AVRO) {
            return new BinaryMessageDecoder<T>(SpecificData.get(), schema).decode(value);
        }
        return new SpecificDatumReader<>(type)
                .read(
                        null,
                        DecoderFactory.get()
                                .jsonDecoder(schema, new String(value, StandardCharsets.UTF_8)));
    }
}
