package io.nlpstream.jobs.local;

import io.nlpstream.drift.feedback.FeedbackParser;
import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.kafka.OutputFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads the job's output topics back with {@code read_committed}, as a downstream consumer would:
 * counts every outcome, measures end-to-end latency and writes one JSON-lines file per topic.
 */
public final class OutputCollector implements Runnable, AutoCloseable {
    private final String bootstrapServers;
    private final OutputTopics topics;
    private final OutputFormat format;
    private final Path outDir;
    private volatile boolean stopped;

    private final AtomicLong predictions = new AtomicLong();
    private final AtomicLong review = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong ruleRejections = new AtomicLong();
    private final AtomicLong feedbackRejections = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Set<String> seenIds = new HashSet<>();
    private final LatencyStats pipelineLatency = new LatencyStats();
    private final LatencyStats visibleLatency = new LatencyStats();
    private final Map<String, BufferedWriter> writers = new HashMap<>();
    private volatile long firstIngest = Long.MAX_VALUE;
    private volatile long lastEmit;

    public OutputCollector(
            String bootstrapServers, OutputTopics topics, OutputFormat format, Path outDir) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.format = format;
        this.outDir = outDir;
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedConsumer(bootstrapServers, "nlp-stream-local-reader")) {
            consumer.subscribe(
                    List.of(
                            topics.predictions(),
                            topics.review(),
                            topics.alerts(),
                            topics.deadLetters()));
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    accept(record);
                }
            }
        } finally {
            closeWriters();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        long now = System.currentTimeMillis();
        OutputView view = OutputView.read(kindOf(record.topic()), record.value(), format);
        switch (view.kind()) {
            case PREDICTION -> {
                predictions.incrementAndGet();
                outcome(view, now);
            }
            case REVIEW -> {
                review.incrementAndGet();
                outcome(view, now);
            }
            case DEAD_LETTER -> {
                if ("RULE_UPDATE".equals(view.stage())) {
                    ruleRejections.incrementAndGet();
                } else if (FeedbackParser.STAGE.equals(view.stage())) {
                    // A rejected label, not an input record: its id is the labelled event's.
                    feedbackRejections.incrementAndGet();
                } else {
                    deadLetters.incrementAndGet();
                    countOnce(view.id());
                }
            }
            case ALERT -> alerts.incrementAndGet();
        }
        write(record.topic(), view.json());
    }

    private OutputView.Kind kindOf(String topic) {
        if (topic.equals(topics.predictions())) {
            return OutputView.Kind.PREDICTION;
        } else if (topic.equals(topics.review())) {
            return OutputView.Kind.REVIEW;
        } else if (topic.equals(topics.deadLetters())) {
            return OutputView.Kind.DEAD_LETTER;
        }
        return OutputView.Kind.ALERT;
    }

    private void outcome(OutputView view, long receivedAt) {
        countOnce(view.id());
        pipelineLatency.record(view.emitTime() - view.ingestTime());
        visibleLatency.record(receivedAt - view.ingestTime());
        firstIngest = Math.min(firstIngest, view.ingestTime());
        lastEmit = Math.max(lastEmit, view.emitTime());
    }

    private synchronized void countOnce(String id) {
        if (!seenIds.add(id)) {
            duplicates.incrementAndGet();
        }
    }

    private void write(String topic, String json) {
        if (outDir == null) {
            return;
        }
        try {
            BufferedWriter writer = writers.get(topic);
            if (writer == null) {
                writer = Files.newBufferedWriter(outDir.resolve(topic + ".jsonl"));
                writers.put(topic, writer);
            }
            writer.write(json);
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeWriters() {
        for (BufferedWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException ignored) {
                // best effort on shutdown
            }
        }
    }

    /** Records that reached exactly one of predictions, review or dead letters. */
    public long accounted() {
        return predictions.get() + review.get() + deadLetters.get();
    }

    public long predictions() {
        return predictions.get();
    }

    public long review() {
        return review.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long ruleRejections() {
        return ruleRejections.get();
    }

    public long feedbackRejections() {
        return feedbackRejections.get();
    }

    public long alerts() {
        return alerts.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public LatencyStats pipelineLatency() {
        return pipelineLatency;
    }

    public LatencyStats visibleLatency() {
        return visibleLatency;
    }

    /** Milliseconds from the first ingest to the last emit seen, 0 before any output. */
    public long activeSpanMillis() {
        return lastEmit == 0 ? 0 : Math.max(1, lastEmit - firstIngest);
    }

    @Override
    public void close() {
        stopped = true;
    }
}
