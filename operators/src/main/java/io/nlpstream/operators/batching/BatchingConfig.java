package io.nlpstream.operators.batching;

import java.io.Serializable;

/**
 * How texts are grouped into model runs.
 *
 * <p>With a latency target ({@code latencyTargetMillis > 0}) the operator is work-conserving: it
 * runs the model as soon as the model is idle, on the oldest waiting texts, and takes as many as
 * its learned cost model predicts will keep the oldest within the target ({@link BatchPlanner}).
 * Without one ({@code 0}) a batch runs at {@code maxBatchSize} texts or once its oldest text has
 * waited {@code maxWaitMillis}. Either way a batch holds at most {@code maxBatchSize} texts and
 * {@code maxTokens} padded tokens (one text longer than that runs alone).
 *
 * @param maxBatchSize most texts per batch
 * @param maxWaitMillis without a latency target, the longest a text waits for its batch to fill
 * @param maxTokens most padded tokens per batch
 * @param latencyTargetMillis the p99 latency to keep, from the text's ingest time to its result; 0
 *     = fixed batching
 */
public record BatchingConfig(
        int maxBatchSize, long maxWaitMillis, int maxTokens, long latencyTargetMillis)
        implements Serializable {
    public static final int DEFAULT_MAX_TOKENS = 8192;

    public BatchingConfig {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException(
                    "maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        if (maxWaitMillis < 0) {
            throw new IllegalArgumentException(
                    "maxWaitMillis must not be negative, was " + maxWaitMillis);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (latencyTargetMillis < 0) {
            throw new IllegalArgumentException(
                    "latencyTargetMillis must not be negative, was " + latencyTargetMillis);
        }
    }

    /** Fixed batching: {@code maxBatchSize} texts or {@code maxWaitMillis}, no latency target. */
    public BatchingConfig(int maxBatchSize, long maxWaitMillis) {
        this(maxBatchSize, maxWaitMillis, DEFAULT_MAX_TOKENS, 0);
    }

    public boolean hasLatencyTarget() {
        return latencyTargetMillis > 0;
    }

    /**
     * Most texts that wait for the model at once; beyond it the operator stops taking input, so a
     * slow model back-pressures the source instead of growing a queue.
     */
    public int queueCapacity() {
        return 2 * maxBatchSize;
    }
}
