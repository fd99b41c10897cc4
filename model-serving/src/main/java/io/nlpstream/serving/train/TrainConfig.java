package io.nlpstream.serving.train;

import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.inference.EncoderSpec;
import java.util.List;

/**
 * How a head is trained and described.
 *
 * @param id bundle id
 * @param version bundle version
 * @param encoder sentence encoder, or several whose vectors the head reads concatenated
 * @param maxTokens window size, special tokens included
 * @param overlap window overlap for long texts
 * @param l2 penalty on the head's weights when it is not chosen by cross-domain AUC
 * @param l2Grid candidate penalties; when the data has several sources and {@code crossDomain} is
 *     on, the one with the best mean leave-one-source-out AUC is used (empty: always {@code l2})
 * @param calibrationFraction share of each label held out to fit the temperature
 * @param testFraction share of each label held out for the reported metrics
 * @param seed seed of the splits (the solver itself has none)
 * @param crossDomain also train on all sources but one and test on that one, for each source
 * @param dataDescription what the data was, for the manifest
 */
public record TrainConfig(
        String id,
        String version,
        EncoderSpec encoder,
        int maxTokens,
        int overlap,
        double l2,
        List<Double> l2Grid,
        double calibrationFraction,
        double testFraction,
        long seed,
        boolean crossDomain,
        String dataDescription) {

    /** Penalties tried by default, from weak to strong. */
    public static final List<Double> DEFAULT_L2_GRID =
            List.of(1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0);

    /** Penalty used when it cannot be chosen (one source, or no cross-domain evaluation). */
    public static final double DEFAULT_L2 = 1.0;

    public TrainConfig {
        l2Grid = List.copyOf(l2Grid);
        if (!(l2 > 0) || l2Grid.stream().anyMatch(v -> !(v > 0))) {
            throw new IllegalArgumentException("L2 penalties must be > 0: " + l2 + ", " + l2Grid);
        }
    }

    /**
     * Defaults: 256-token windows (or the encoder's limit), overlap 32, the default penalty grid,
     * 15%/20% held out.
     */
    public static TrainConfig defaults(String id, EncoderSpec encoder, String dataDescription) {
        return new TrainConfig(
                id,
                "1",
                encoder,
                Math.min(256, encoder.maxTokens()),
                32,
                DEFAULT_L2,
                DEFAULT_L2_GRID,
                0.15,
                0.20,
                42L,
                true,
                dataDescription);
    }

    /** {@link #defaults(String, EncoderSpec, String)} for one encoder. */
    public static TrainConfig defaults(String id, Encoder encoder, String dataDescription) {
        return defaults(id, EncoderSpec.of(encoder), dataDescription);
    }

    /**
     * These settings for data of one domain, as a new version of the bundle: no cross-domain choice
     * of the penalty (there is one source), described by {@code dataDescription}.
     */
    public TrainConfig singleDomain(String newVersion, String newDataDescription) {
        return new TrainConfig(
                id,
                newVersion,
                encoder,
                maxTokens,
                overlap,
                l2,
                l2Grid,
                calibrationFraction,
                testFraction,
                seed,
                false,
                newDataDescription);
    }

    /** These settings with the windows of an existing bundle. */
    public TrainConfig withWindows(int newMaxTokens, int newOverlap) {
        return new TrainConfig(
                id,
                version,
                encoder,
                newMaxTokens,
                newOverlap,
                l2,
                l2Grid,
                calibrationFraction,
                testFraction,
                seed,
                crossDomain,
                dataDescription);
    }
}
