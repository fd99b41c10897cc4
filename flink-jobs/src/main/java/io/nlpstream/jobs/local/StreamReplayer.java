package io.nlpstream.jobs.local;

import io.nlpstream.jobs.kafka.KafkaClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records to a topic on a fixed schedule (open loop: it never waits for the pipeline), or as
 * fast as the broker takes them when the rate is 0.
 *
 * <p>Records go round robin over the topic's partitions, so that every subtask of the job gets its
 * share of the rate at every moment. The producer's default for records without a key sticks to one
 * partition for a batch.size worth of bytes (about 100 short texts), which would hand one subtask
 * the whole rate for most of a second, then the next.
 *
 * <p>Like an upstream service that batches its sends, the producer lingers up to {@value
 * #LINGER_MS} ms; the record's timestamp is taken when it is sent, so the linger counts in the
 * measured latency. Without it every text is a request of its own, and on a small machine the
 * embedded broker's per-request work takes CPU from the model.
 */
public final class StreamReplayer implements Runnable {
    static final int LINGER_MS = 20;

    private final String bootstrapServers;
    private final String topic;
    private final List<byte[]> values;
    private final double ratePerSecond;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopped;
    private volatile Exception failure;

    public StreamReplayer(
            String bootstrapServers, String topic, List<byte[]> values, double ratePerSecond) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative, was " + ratePerSecond);
        }
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.values = values;
        this.ratePerSecond = ratePerSecond;
    }

    @Override
    public void run() {
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(
                        bootstrapServers, Map.of(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS))) {
            long start = System.nanoTime();
            double intervalNanos = ratePerSecond == 0 ? 0 : 1e9 / ratePerSecond;
            int partitions = producer.partitionsFor(topic).size();
            for (int i = 0; i < values.size() && !stopped; i++) {
                long due = start + (long) (i * intervalNanos);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                producer.send(
                        new ProducerRecord<>(topic, i % partitions, null, values.get(i)),
                        (meta, error) -> {
                            if (error != null) {
                                failure = error;
                            }
                        });
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (Exception e) {
            failure = e;
        }
    }

    public long sent() {
        return sent.get();
    }

    public int total() {
        return values.size();
    }

    /** The first send error, or null. */
    public Exception failure() {
        return failure;
    }

    public void stop() {
        stopped = true;
    }
}
