package io.nlpstream.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.kafka.OutputFormat;
import io.nlpstream.jobs.kafka.OutputRecordLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The replayer on a real broker, with lines that the producer or the topic refuse. */
class StreamReplayerITCase {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void aLineLargerThanTheProducerAcceptsIsRejectedAndTheOthersArrive() throws Exception {
        kafka.createTopics(Map.of("producer-limit", 2));
        List<byte[]> lines = lines(5);
        lines.add(1, filled(2 * 1024 * 1024));

        List<IngestRejection> reported = new CopyOnWriteArrayList<>();
        StreamReplayer replayer =
                new StreamReplayer(
                        kafka.bootstrapServers(), "producer-limit", lines, 0, reported::add);
        replayer.run();

        assertThat(replayer.failure()).isNull();
        assertThat(replayer.sent()).isEqualTo(6);
        assertThat(replayer.delivered()).isEqualTo(5);
        assertThat(reported).isEqualTo(replayer.rejections());
        assertThat(reported).hasSize(1);
        IngestRejection rejection = reported.get(0);
        assertThat(rejection.line()).isEqualTo(2);
        assertThat(rejection.bytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(rejection.limitBytes()).isEqualTo(1024 * 1024);
        assertThat(rejection.error())
                .isEqualTo(
                        "2097240 bytes serialized; max.request.size 1048576, topic"
                                + " max.message.bytes "
                                + OutputRecordLimits.maxRequestBytes(
                                        OutputFormat.JSON,
                                        JobOptions.MAX_TEXT_BYTES.defaultValue()));
        assertThat(read("producer-limit", 5)).containsExactlyInAnyOrder(texts(5));
    }

    @Test
    void aLineLargerThanTheTopicAcceptsIsRejectedWithTheTopicsLimit() throws Exception {
        try (var admin = kafka.admin()) {
            admin.createTopics(
                            List.of(
                                    new NewTopic("topic-limit", 1, (short) 1)
                                            .configs(
                                                    Map.of(
                                                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                                            "20000"))))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        List<byte[]> lines = lines(4);
        lines.add(3, filled(50_000));

        StreamReplayer replayer =
                new StreamReplayer(kafka.bootstrapServers(), "topic-limit", lines, 0);
        replayer.run();

        assertThat(replayer.failure()).isNull();
        assertThat(replayer.delivered()).isEqualTo(4);
        assertThat(replayer.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.line()).isEqualTo(4);
                            assertThat(r.bytes()).isEqualTo(50_000);
                            assertThat(r.limitBytes()).isEqualTo(20_000);
                        });
        assertThat(read("topic-limit", 4)).containsExactlyInAnyOrder(texts(4));
    }

    private static String[] texts(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "text " + i;
        }
        return out;
    }

    private static List<byte[]> lines(int n) {
        List<byte[]> out = new ArrayList<>();
        for (String text : texts(n)) {
            out.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    private static List<String> read(String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedConsumer(kafka.bootstrapServers(), topic + "-reader")) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            consumer.poll(Duration.ofMillis(500))
                    .forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
        }
        return values;
    }
}
