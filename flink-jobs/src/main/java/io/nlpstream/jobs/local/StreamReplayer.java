package io.nlpstream.jobs.local;

import io.nlpstream.jobs.kafka.KafkaClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

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
 *
 * <p>A record larger than the producer or the topic accepts is an {@link IngestRejection} (reported
 * to the listener, counted, never sent): checked before sending against both limits, and again in
 * every send's result. Any other send error is kept as {@link #failure()}.
 */
public final class StreamReplayer implements Runnable {
    static final int LINGER_MS = 20;

    /** The producer's max.request.size, which this replayer leaves at the client's default. */
    private static final int DEFAULT_MAX_REQUEST_BYTES =
            (Integer)
                    ProducerConfig.configDef()
                            .defaultValues()
                            .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);

    private final String bootstrapServers;
    private final String topic;
    private final List<byte[]> values;
    private final double ratePerSecond;
    private final Consumer<IngestRejection> onRejection;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final List<IngestRejection> rejections = new CopyOnWriteArrayList<>();
    private volatile int limitBytes = DEFAULT_MAX_REQUEST_BYTES;
    private volatile boolean stopped;
    private volatile Exception failure;

    public StreamReplayer(
            String bootstrapServers, String topic, List<byte[]> values, double ratePerSecond) {
        this(bootstrapServers, topic, values, ratePerSecond, rejection -> {});
    }

    /**
     * @param onRejection told of each record the broker would not take, from the sending thread or
     *     the producer's network thread
     */
    public StreamReplayer(
            String bootstrapServers,
            String topic,
            List<byte[]> values,
            double ratePerSecond,
            Consumer<IngestRejection> onRejection) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative, was " + ratePerSecond);
        }
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.values = values;
        this.ratePerSecond = ratePerSecond;
        this.onRejection = onRejection;
    }

    @Override
    public void run() {
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.producer(
                        bootstrapServers, Map.of(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS))) {
            long start = System.nanoTime();
            double intervalNanos = ratePerSecond == 0 ? 0 : 1e9 / ratePerSecond;
            int partitions = producer.partitionsFor(topic).size();
            int topicLimit = topicLimit();
            limitBytes = Math.min(DEFAULT_MAX_REQUEST_BYTES, topicLimit);
            String limits =
                    "max.request.size "
                            + DEFAULT_MAX_REQUEST_BYTES
                            + (topicLimit == Integer.MAX_VALUE
                                    ? ""
                                    : ", topic max.message.bytes " + topicLimit);
            for (int i = 0; i < values.size() && !stopped; i++) {
                long due = start + (long) (i * intervalNanos);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long line = i + 1;
                int bytes = values.get(i).length;
                sent.incrementAndGet();
                int serialized = serializedSize(values.get(i));
                if (serialized > limitBytes) {
                    // Checked here: a batch the broker refuses would hold up the idempotent
                    // producer's later batches until they expire.
                    reject(line, bytes, serialized + " bytes serialized; " + limits);
                    continue;
                }
                producer.send(
                        new ProducerRecord<>(topic, i % partitions, null, values.get(i)),
                        (meta, error) -> completed(line, bytes, error));
            }
            producer.flush();
        } catch (Exception e) {
            failure = e;
        }
    }

    private void completed(long line, int bytes, Exception error) {
        if (error == null) {
            delivered.incrementAndGet();
        } else if (error instanceof RecordTooLargeException) {
            reject(line, bytes, error.getClass().getSimpleName() + ": " + error.getMessage());
        } else {
            failedSends.incrementAndGet();
            failure = error;
        }
    }

    private void reject(long line, int bytes, String error) {
        IngestRejection rejection = new IngestRejection(line, bytes, limitBytes, error);
        rejections.add(rejection);
        onRejection.accept(rejection);
    }

    /** The most bytes a batch of this one value takes, as the producer estimates it. */
    private static int serializedSize(byte[] value) {
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE,
                (byte[]) null,
                value,
                Record.EMPTY_HEADERS);
    }

    /** The topic's max.message.bytes, or no limit of its own when it cannot be read. */
    private int topicLimit() {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Config config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(resource);
            ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null ? Integer.MAX_VALUE : Integer.parseInt(entry.value());
        } catch (Exception e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Records handed to the producer so far (lines read), whatever became of them. */
    public long sent() {
        return sent.get();
    }

    /** Records the broker acknowledged: the ones that entered the stream. */
    public long delivered() {
        return delivered.get();
    }

    /** Records the broker would not take for their size, in the order they failed. */
    public List<IngestRejection> rejections() {
        return List.copyOf(rejections);
    }

    /** Records whose send failed for another reason than their size. */
    public long failedSends() {
        return failedSends.get();
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
