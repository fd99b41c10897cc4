package io.nlpstream.drift.retrain;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a shadow candidate replaces the live model.
 *
 * @param minPairs labelled records both models must have scored before any decision
 * @param maxPairs a candidate not better by then is rejected
 * @param margin the candidate's AUC must beat the live one's by at least this much to be promoted;
 *     a candidate this much worse is rejected at once
 * @param evaluateEvery how many new pairs between two evaluations
 * @param maxUnpaired most records kept while they wait for the other model's score of the same
 *     event; the oldest is dropped beyond it
 * @param timeoutMillis a candidate without a verdict this long after its shadow run started is
 *     rejected
 */
public record PromotionPolicy(
        int minPairs,
        int maxPairs,
        double margin,
        int evaluateEvery,
        int maxUnpaired,
        long timeoutMillis)
        implements Serializable {

    /** Default bound on unpaired records, as a multiple of {@code maxPairs}. */
    public static final int UNPAIRED_PER_PAIR = 2;

    /** Default time a shadow run may take before it is rejected. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public PromotionPolicy {
        if (minPairs < 2 || maxPairs < minPairs) {
            throw new IllegalArgumentException(
                    "need 2 <= minPairs <= maxPairs, was " + minPairs + " and " + maxPairs);
        }
        if (margin < 0) {
            throw new IllegalArgumentException("margin must not be negative, was " + margin);
        }
        if (evaluateEvery < 1) {
            throw new IllegalArgumentException(
                    "evaluateEvery must be positive, was " + evaluateEvery);
        }
        if (maxUnpaired < 1 || timeoutMillis < 1) {
            throw new IllegalArgumentException(
                    "maxUnpaired and timeoutMillis must be positive, were "
                            + maxUnpaired
                            + " and "
                            + timeoutMillis);
        }
    }

    /** A policy with the default bound on unpaired records and the default timeout. */
    public PromotionPolicy(int minPairs, int maxPairs, double margin, int evaluateEvery) {
        this(
                minPairs,
                maxPairs,
                margin,
                evaluateEvery,
                UNPAIRED_PER_PAIR * maxPairs,
                DEFAULT_TIMEOUT.toMillis());
    }
}
