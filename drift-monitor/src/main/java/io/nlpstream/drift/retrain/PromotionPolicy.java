package io.nlpstream.drift.retrain;

import java.io.Serializable;

/**
 * When a shadow candidate replaces the live model.
 *
 * @param minPairs labelled records both models must have scored before any decision
 * @param maxPairs a candidate not better by then is rejected
 * @param margin the candidate's AUC must beat the live one's by at least this much to be promoted;
 *     a candidate this much worse is rejected at once
 * @param evaluateEvery how many new pairs between two evaluations
 */
public record PromotionPolicy(int minPairs, int maxPairs, double margin, int evaluateEvery)
        implements Serializable {
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
    }
}
