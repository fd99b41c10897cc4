package io.nlpstream.jobs.demo;

import io.nlpstream.drift.feedback.FeedbackParser;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.DriftMetric;
import io.nlpstream.schemas.ModelUpdate;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads what the drift demo needs back from Kafka with read_committed: every decision (with the
 * model version and scores), the model control topic and the drift metrics.
 */
final class DemoCollector implements Runnable, AutoCloseable {
    /** One decision: which model made it and the probability it gave each label. */
    record Decision(String id, String modelVersion, Map<String, Double> scores, long emitTime) {}

    /** A control record and when the demo saw it. */
    record Control(ModelUpdate update, long seenAt) {}

    private final String bootstrapServers;
    private final DemoTopics topics;
    private final Map<String, Decision> decisions = new ConcurrentHashMap<>();
    private final List<String> deadLetterIds = new ArrayList<>();
    private final List<Control> control = new ArrayList<>();
    private final List<DriftMetric> metrics = new ArrayList<>();
    private volatile long duplicates;
    private volatile boolean stopped;

    DemoCollector(String bootstrapServers, DemoTopics topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedConsumer(bootstrapServers, "drift-demo-reader")) {
            consumer.subscribe(
                    List.of(
                            topics.predictions(),
                            topics.review(),
                            topics.deadLetters(),
                            topics.control(),
                            topics.drift()));
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    accept(r);
                }
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        ByteBuffer value = ByteBuffer.wrap(r.value());
        try {
            if (r.topic().equals(topics.predictions())) {
                Prediction p = Prediction.fromByteBuffer(value);
                add(
                        new Decision(
                                p.getId(),
                                p.getModelVersion(),
                                p.getScores(),
                                p.getTimings().getEmitTime()));
            } else if (r.topic().equals(topics.review())) {
                ReviewTask t = ReviewTask.fromByteBuffer(value);
                add(
                        new Decision(
                                t.getId(),
                                t.getModelVersion(),
                                t.getScores(),
                                t.getTimings().getEmitTime()));
            } else if (r.topic().equals(topics.deadLetters())) {
                DeadLetter d = DeadLetter.fromByteBuffer(value);
                // A rejected label carries the id of the event it labels, which has a decision.
                if (!FeedbackParser.STAGE.equals(d.getStage())) {
                    synchronized (this) {
                        deadLetterIds.add(d.getId());
                    }
                }
            } else if (r.topic().equals(topics.control())) {
                synchronized (this) {
                    control.add(
                            new Control(
                                    ModelUpdate.fromByteBuffer(value), System.currentTimeMillis()));
                }
            } else {
                synchronized (this) {
                    metrics.add(DriftMetric.fromByteBuffer(value));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable record on " + r.topic(), e);
        }
    }

    private void add(Decision d) {
        if (decisions.put(d.id(), d) != null) {
            duplicates++;
        }
    }

    long accounted() {
        synchronized (this) {
            return decisions.size() + deadLetterIds.size();
        }
    }

    Map<String, Decision> decisions() {
        return decisions;
    }

    synchronized List<String> deadLetterIds() {
        return new ArrayList<>(deadLetterIds);
    }

    synchronized List<Control> control() {
        return new ArrayList<>(control);
    }

    synchronized List<DriftMetric> metrics() {
        return new ArrayList<>(metrics);
    }

    long duplicates() {
        return duplicates;
    }

    @Override
    public void close() {
        stopped = true;
    }
}
