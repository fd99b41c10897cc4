package io.nlpstream.jobs.demo;

import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.schemas.ModelUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Offers the job a candidate bundle whose manifest is damaged, as a broken upload would be: the job
 * must refuse it with a reason and keep serving the live model.
 */
final class CorruptCandidate {
    private final Path bundleDir;
    private final String bootstrapServers;
    private final String controlTopic;
    private boolean published;

    CorruptCandidate(Path bundleDir, String bootstrapServers, String controlTopic) {
        this.bundleDir = bundleDir;
        this.bootstrapServers = bootstrapServers;
        this.controlTopic = controlTopic;
    }

    boolean published() {
        return published;
    }

    void publish(String modelId) throws IOException {
        Path dir = bundleDir.resolve(modelId + "-corrupt");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("bundle.json"),
                "{\"format\": 1, \"id\": \"" + modelId + "\", \"labels\": [");
        ModelUpdate update =
                ModelUpdate.newBuilder()
                        .setCommand("SHADOW_START")
                        .setModelId(modelId)
                        .setVersion("corrupt")
                        .setBundleUri(dir.toAbsolutePath().toString())
                        .setReason("a damaged bundle, offered on purpose")
                        .setIssuedBy("drift-demo")
                        .setTime(System.currentTimeMillis())
                        .build();
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(bootstrapServers)) {
            producer.send(
                    new ProducerRecord<>(controlTopic, KafkaClients.bytes(update.toByteBuffer())));
        }
        published = true;
    }
}
