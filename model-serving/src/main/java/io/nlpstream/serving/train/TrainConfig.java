package io.nlpstream.serving.train;

import io.nlpstream.serving.inference.Encoder;

/**
 * How a head is trained and described.
 *
 * @param id bundle id
 * @param version bundle version
 * @param encoder sentence encoder
 * @param maxTokens window size, special tokens included
 * @param overlap window overlap for long texts
 * @param epochs SGD epochs
 * @param learningRate AdaGrad learning rate
 * @param calibrationFraction share of each label held out to fit the temperature
 * @param testFraction share of each label held out for the reported metrics
 * @param seed seed of the split and of SGD
 * @param crossDomain also train on all sources but one and test on that one, for each source
 * @param dataDescription what the data was, for the manifest
 */
public record TrainConfig(
        String id,
        String version,
        Encoder encoder,
        int maxTokens,
        int overlap,
        int epochs,
        double learningRate,
        double calibrationFraction,
        double testFraction,
        long seed,
        boolean crossDomain,
        String dataDescription) {

    /**
     * Defaults: 256-token windows (or the encoder's limit), overlap 32, 15 epochs, 15%/20% held
     * out.
     */
    public static TrainConfig defaults(String id, Encoder encoder, String dataDescription) {
        return new TrainConfig(
                id,
                "1",
                encoder,
                Math.min(256, encoder.maxTokens()),
                32,
                15,
                0.05,
                0.15,
                0.20,
                42L,
                true,
                dataDescription);
    }
}
