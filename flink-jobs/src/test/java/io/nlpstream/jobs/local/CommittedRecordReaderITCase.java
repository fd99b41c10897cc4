package io.nlpstream.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.kafka.OutputFormat;
import io.nlpstream.schemas.EntitySentiment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A derived output topic read back as the job wrote it, in either output format. */
class CommittedRecordReaderITCase {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void readsTheEntitySentimentSeriesInTheOrderWritten(OutputFormat format) throws Exception {
        String topic = "entity-sentiment-" + format.name().toLowerCase();
        kafka.createTopics(Map.of(topic, 1));
        List<EntitySentiment> written =
                List.of(
                        new EntitySentiment("TSLA", 0L, 3_600_000L, 25L, 0.7, 0.12),
                        new EntitySentiment("TSLA", 3_600_000L, 7_200_000L, 25L, -0.95, 1.0));
        BinaryMessageEncoder<SpecificRecord> avro =
                new BinaryMessageEncoder<>(SpecificData.get(), EntitySentiment.getClassSchema());
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(kafka.bootstrapServers())) {
            for (EntitySentiment point : written) {
                producer.send(new ProducerRecord<>(topic, format.encode(point, avro)));
            }
        }

        List<EntitySentiment> read =
                CommittedRecordReader.readAll(
                        kafka.bootstrapServers(),
                        topic,
                        format,
                        Duration.ofSeconds(2),
                        EntitySentiment.class,
                        EntitySentiment.getClassSchema());

        assertThat(read).isEqualTo(written);
    }
}
