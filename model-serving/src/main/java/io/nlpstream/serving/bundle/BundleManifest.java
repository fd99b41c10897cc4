package io.nlpstream.serving.bundle;

import java.util.List;
import java.util.Map;

/**
 * The {@code bundle.json} of a model bundle: what the head expects from the encoder and what is
 * known about it.
 *
 * @param format bundle format version, {@value #FORMAT}
 * @param id model id written into every prediction, e.g. {@code sentiment}
 * @param version model version
 * @param encoder encoder id (see {@code Encoder}); the weights are referenced, not copied
 * @param pooling {@code MEAN} or {@code CLS}
 * @param maxTokens model window in tokens, special tokens included
 * @param overlap tokens shared by consecutive windows of a long text
 * @param labels label names in head order
 * @param calibration how probabilities were calibrated
 * @param training what the head was trained on and how
 * @param metrics held-out metrics, e.g. {@code heldout.auc}
 */
public record BundleManifest(
        int format,
        String id,
        String version,
        String encoder,
        String pooling,
        int maxTokens,
        int overlap,
        List<String> labels,
        Calibration calibration,
        Map<String, String> training,
        Map<String, Double> metrics) {
    public static final int FORMAT = 1;

    /**
     * Temperature scaling fitted on a held-out split: {@code p = softmax(logits / temperature)}.
     *
     * @param method {@code temperature}
     * @param temperature the fitted temperature, &gt; 0
     */
    public record Calibration(String method, double temperature) {}
}
