package io.nlpstream.jobs.local;

import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.kafka.OutputFormat;
import io.nlpstream.schemas.SpikeAlert;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads every committed spike alert of a topic, until it has been quiet for a while. */
public final class SpikeAlertReader {
    private SpikeAlertReader() {}

    public static List<SpikeAlert> readAll(
            String bootstrapServers, String topic, OutputFormat format, Duration quiet)
            throws IOException {
        List<SpikeAlert> alerts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedConsumer(
                        bootstrapServers, "spike-alert-reader-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            long quietUntil = System.currentTimeMillis() + quiet.toMillis();
            while (System.currentTimeMillis() < quietUntil) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    alerts.add(decode(r.value(), format));
                    quietUntil = System.currentTimeMillis() + quiet.toMillis();
                }
            }
        }
        return alerts;
    }

    private static SpikeAlert decode(byte[] value, OutputFormat format) throws IOException {
        if (format == OutputFormat.AVRO) {
            return SpikeAlert.fromByteBuffer(ByteBuffer.wrap(value));
        }
        SpecificDatumReader<SpikeAlert> reader = new SpecificDatumReader<>(SpikeAlert.class);
        return reader.read(
                null,
                DecoderFactory.get()
                        .jsonDecoder(
                                SpikeAlert.getClassSchema(),
                                new String(value, StandardCharsets.UTF_8)));
    }
}
