package io.nlpstream.jobs.bench;

import io.nlpstream.jobs.kafka.KafkaClients;
import io.nlpstream.jobs.local.LatencyStats;
import io.nlpstream.schemas.DeadLetter;
import io.nlpstream.schemas.Prediction;
import io.nlpstream.schemas.ReviewTask;
import io.nlpstream.schemas.Timings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads one phase's outcome topics with {@code read_committed}, as a downstream consumer would, and
 * keeps every outcome's emit time and, after the warm-up, its end-to-end latency.
 */
final class OutcomeCollector implements Runnable, AutoCloseable {
    private static final String RULE_UPDATE_STAGE = "RULE_UPDATE";

    private final String bootstrapServers;
    private final PhaseTopics topics;
    private final String groupId;
    private final EmitTimes emits = new EmitTimes();
    private final LatencyStats pipelineLatency = new LatencyStats();
    private final LatencyStats visibleLatency = new LatencyStats();
    private final LatencyStats beforeInference = new LatencyStats();
    private final LatencyStats inference = new LatencyStats();
    private final LatencyStats afterInference = new LatencyStats();
    private final LatencyStats commitLag = new LatencyStats();
    private volatile long latencyFromMillis = Long.MAX_VALUE;
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    OutcomeCollector(String bootstrapServers, PhaseTopics topics, String groupId) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.groupId = groupId;
    }

    /** Latency is recorded only for records that entered the pipeline at or after this instant. */
    void recordLatencyFrom(long epochMillis) {
        latencyFromMillis = epochMillis;
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> consumer =
                KafkaClients.readCommittedConsumer(bootstrapServers, groupId)) {
            consumer.subscribe(topics.outcomes());
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(100))) {
                    accept(record.topic(), record.value(), System.currentTimeMillis());
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void accept(String topic, byte[] value, long receivedAt) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(value);
            if (topic.equals(topics.predictions())) {
                outcome(Prediction.fromByteBuffer(bytes).getTimings(), receivedAt);
            } else if (topic.equals(topics.review())) {
                outcome(ReviewTask.fromByteBuffer(bytes).getTimings(), receivedAt);
            } else {
                DeadLetter dead = DeadLetter.fromByteBuffer(bytes);
                if (!RULE_UPDATE_STAGE.equals(String.valueOf(dead.getStage()))) {
                    emits.add(dead.getTime());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable record on " + topic, e);
        }
    }

    private void outcome(Timings timings, long receivedAt) {
        emits.add(timings.getEmitTime());
        commitLag.record(receivedAt - timings.getEmitTime());
        if (timings.getIngestTime() >= latencyFromMillis) {
            pipelineLatency.record(timings.getEmitTime() - timings.getIngestTime());
            visibleLatency.record(receivedAt - timings.getIngestTime());
            if (timings.getInferenceStart() > 0) {
                beforeInference.record(timings.getInferenceStart() - timings.getIngestTime());
                inference.record(timings.getInferenceEnd() - timings.getInferenceStart());
                afterInference.record(timings.getEmitTime() - timings.getInferenceEnd());
            }
        }
    }

    /**
     * Input records accounted for: each reaches exactly one of predictions, review, dead letters.
     */
    long outcomes() {
        return emits.count();
    }

    EmitTimes emits() {
        return emits;
    }

    /** {@code emit_time - ingest_time}: the pipeline's own latency. */
    LatencyStats pipelineLatency() {
        return pipelineLatency;
    }

    /** When a read_committed consumer saw the record minus its ingest time. */
    LatencyStats visibleLatency() {
        return visibleLatency;
    }

    /**
     * Where the pipeline latency goes, p50, p95 and p99 per stage: from ingest to the start of the
     * record's model run (source, parse, waiting for the batch), the model run, and from its end to
     * the sink (router, rule engine).
     */
    Map<String, Object> stages() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ingest_to_inference_ms", percentiles(beforeInference));
        out.put("inference_ms", percentiles(inference));
        out.put("inference_to_emit_ms", percentiles(afterInference));
        return out;
    }

    private static Map<String, Object> percentiles(LatencyStats stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50", stats.percentile(50));
        out.put("p95", stats.percentile(95));
        out.put("p99", stats.percentile(99));
        return out;
    }

    /**
     * From hand-off to the sink to visibility for a read_committed reader, for every outcome: how
     * long exactly-once outputs wait for their checkpoint to complete.
     */
    LatencyStats commitLag() {
        return commitLag;
    }

    /** The error that stopped the reader, or null. */
    RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() {
        stopped = true;
    }
}
