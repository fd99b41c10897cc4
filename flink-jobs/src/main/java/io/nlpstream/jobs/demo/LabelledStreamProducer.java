package io.nlpstream.jobs.demo;

import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.schemas.Feedback;
import io.nlpstream.schemas.TextEvent;
import io.nlpstream.serving.datasets.LabelledText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a labelled stream on a fixed schedule and, {@code lag} records later, the true label of
 * each record on the feedback topic, as a reviewer or a downstream outcome would (no label at all
 * when {@code lag} is negative).
 */
final class LabelledStreamProducer implements Runnable {
    private final String bootstrapServers;
    private final DemoTopics topics;
    private final List<LabelledText> stream;
    private final double ratePerSecond;
    private final int lag;
    final long[] sentAt;
    final long[] labelledAt;
    private volatile int sent;

    LabelledStreamProducer(
            String bootstrapServers,
            DemoTopics topics,
            List<LabelledText> stream,
            double ratePerSecond,
            int lag) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.stream = stream;
        this.ratePerSecond = ratePerSecond;
        this.lag = lag;
        this.sentAt = new long[stream.size()];
        this.labelledAt = new long[stream.size()];
    }

    @Override
    public void run() {
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(bootstrapServers)) {
            long start = System.nanoTime();
            double interval = 1e9 / ratePerSecond;
            for (int i = 0; i < stream.size() + Math.max(lag, 0); i++) {
                long wait = start + (long) (i * interval) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long now = System.currentTimeMillis();
                if (i < stream.size()) {
                    producer.send(
                            new ProducerRecord<>(
                                    topics.input(), KafkaClients.bytes(event(stream.get(i), now))));
                    sentAt[i] = now;
                    sent = i + 1;
                }
                int labelled = i - lag;
                if (lag >= 0 && labelled >= 0 && labelled < stream.size()) {
                    LabelledText t = stream.get(labelled);
                    Feedback feedback =
                            Feedback.newBuilder()
                                    .setId(t.id())
                                    .setLabel(t.label())
                                    .setTime(now)
                                    .setSource("drift-demo")
                                    .build();
                    producer.send(
                            new ProducerRecord<>(
                                    topics.feedback(),
                                    KafkaClients.bytes(feedback.toByteBuffer())));
                    labelledAt[labelled] = now;
                }
            }
            producer.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a demo record", e);
        }
    }

    int sent() {
        return sent;
    }

    private static ByteBuffer event(LabelledText t, long now) throws IOException {
        HashMap<String, String> metadata = new HashMap<>();
        metadata.put("dataset", t.source());
        return TextEvent.newBuilder()
                .setId(t.id())
                .setSource(t.source())
                .setText(t.text())
                .setEventTime(now)
                .setMetadata(metadata)
                .build()
                .toByteBuffer();
    }
}
