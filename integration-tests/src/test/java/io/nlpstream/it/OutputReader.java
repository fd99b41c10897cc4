package io.nlpstream.it;

import io.nlpstream.jobs.JobOptions;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.schemas.Alert;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads every output topic of a test with read_committed and keeps what it saw. */
final class OutputReader implements AutoCloseable {
    final List<Prediction> predictions = new ArrayList<>();
    final List<ReviewTask> review = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    private final Configuration options;
    private final KafkaConsumer<byte[], byte[]> consumer;

    OutputReader(Configuration options) {
        this.options = options;
        consumer =
                KafkaClients.readCommittedConsumer(
                        options.get(JobOptions.BOOTSTRAP_SERVERS),
                        "it-reader-" + UUID.randomUUID());
        consumer.subscribe(
                List.of(
                        options.get(JobOptions.PREDICTIONS_TOPIC),
                        options.get(JobOptions.REVIEW_TOPIC),
                        options.get(JobOptions.ALERTS_TOPIC),
                        options.get(JobOptions.DEAD_LETTER_TOPIC)));
    }

    /**
     * Records that ended in exactly one of the three outcomes (rejected rules and labels excluded).
     */
    long accounted() {
        return predictions.size() + review.size() + inputDeadLetters().size();
    }

    List<DeadLetter> inputDeadLetters() {
        return deadLetters.stream()
                .filter(d -> !"RULE_UPDATE".equals(d.getStage()))
                .filter(d -> !"FEEDBACK".equals(d.getStage()))
                .toList();
    }

    /** The input ids of every outcome seen so far, one entry per output record. */
    List<String> accountedIds() {
        List<String> ids = new ArrayList<>();
        predictions.forEach(p -> ids.add(p.getId()));
        review.forEach(r -> ids.add(r.getId()));
        inputDeadLetters().forEach(d -> ids.add(d.getId()));
        return ids;
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    boolean pollUntil(BooleanSupplier condition, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            poll(Duration.ofMillis(200));
            if (condition.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    void poll(Duration timeout) throws Exception {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            ByteBuffer value = ByteBuffer.wrap(r.value());
            String topic = r.topic();
            if (topic.equals(options.get(JobOptions.PREDICTIONS_TOPIC))) {
                predictions.add(Prediction.fromByteBuffer(value));
            } else if (topic.equals(options.get(JobOptions.REVIEW_TOPIC))) {
                review.add(ReviewTask.fromByteBuffer(value));
            } else if (topic.equals(options.get(JobOptions.ALERTS_TOPIC))) {
                alerts.add(Alert.fromByteBuffer(value));
            } else {
                deadLetters.add(DeadLetter.fromByteBuffer(value));
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
