package io.nlpstream.operators.batching;

import java.io.Serializable;

/**
 * When a micro-batch is flushed: at {@code maxBatchSize} records or once the oldest record has
 * waited {@code maxWaitMillis}, whichever comes first.
 */
public record BatchingConfig(int maxBatchSize, long maxWaitMillis) implements Serializable {
    public BatchingConfig {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException(
                    "maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        if (maxWaitMillis < 0) {
            throw new IllegalArgumentException(
                    "maxWaitMillis must not be negative, was " + maxWaitMillis);
        }
    }
}
