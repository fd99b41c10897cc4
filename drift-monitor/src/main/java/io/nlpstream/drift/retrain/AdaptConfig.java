package io.nlpstream.drift.retrain;

import io.nlpstream.serving.adapt.AdaptationGuard;
import java.io.Serializable;

/**
 * How the retrainer adapts a model that gets no labels: self-training on a bounded sample of its
 * recent texts (model-serving's {@code SelfTraining}), checked by the label-free guard.
 *
 * @param enabled whether adaptation requests are acted on and recent texts are kept
 * @param sampleSize most recent unlabelled texts kept per model and learned from
 * @param minTexts fewest texts an adaptation needs; requests before that are ignored
 * @param rounds self-training rounds
 * @param share share of the texts pseudo-labelled per class in each round
 * @param seed seed recorded in the bundle's provenance
 * @param minAgreement guard: least rank agreement (Spearman) of the new head with the live one
 * @param maxShareShift guard: largest change of any class's predicted share
 */
public record AdaptConfig(
        boolean enabled,
        int sampleSize,
        int minTexts,
        int rounds,
        double share,
        long seed,
        double minAgreement,
        double maxShareShift)
        implements Serializable {

    /** Adaptation off. */
    public static final AdaptConfig DISABLED =
            new AdaptConfig(false, 2000, 500, 3, 0.2, 42, 0.9, 0.2);

    /** Most texts a sample may keep. */
    public static final int MAX_SAMPLE_SIZE = 20_000;

    public AdaptConfig {
        if (sampleSize < 1 || sampleSize > MAX_SAMPLE_SIZE) {
            throw new IllegalArgumentException(
                    "sampleSize must be in [1, " + MAX_SAMPLE_SIZE + "], was " + sampleSize);
        }
        if (minTexts < 1 || minTexts > sampleSize) {
            throw new IllegalArgumentException(
                    "minTexts must be in [1, sampleSize], was " + minTexts);
        }
        if (rounds < 1 || !(share > 0 && share <= 0.5)) {
            throw new IllegalArgumentException(
                    "need rounds >= 1 and share in (0, 0.5], were " + rounds + " and " + share);
        }
        if (!(minAgreement >= -1 && minAgreement <= 1) || !(maxShareShift >= 0)) {
            throw new IllegalArgumentException(
                    "need minAgreement in [-1, 1] and maxShareShift >= 0, were "
                            + minAgreement
                            + " and "
                            + maxShareShift);
        }
    }

    /** The label-free guard with these bounds. */
    public AdaptationGuard guard() {
        return new AdaptationGuard(minAgreement, maxShareShift);
    }
}
