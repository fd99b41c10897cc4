package io.nlpstream.serving.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.inference.EncoderSpec;
import java.util.List;
import java.util.Map;

/**
 * The {@code bundle.json} of a model bundle: what the head expects from the encoder and what is
 * known about it.
 *
 * @param format bundle format version, {@value #FORMAT}
 * @param id model id written into every prediction, e.g. {@code sentiment}
 * @param version model version
 * @param encoder encoder id (see {@code Encoder}), or the ids of a composite joined by {@code +}
 *     (see {@link EncoderSpec}); the weights are referenced, not copied
 * @param pooling {@code MEAN} or {@code CLS}, joined by {@code +} for a composite
 * @param maxTokens model window in tokens, special tokens included
 * @param overlap tokens shared by consecutive windows of a long text
 * @param labels label names in head order
 * @param calibration how probabilities were calibrated
 * @param training what the head was trained on and how
 * @param metrics held-out metrics, e.g. {@code heldout.auc}
 * @param encoders every encoder the head reads, in concatenation order, with its precision, pooling
 *     and text prefix; absent (null) in bundles written before composites, where {@code encoder}
 *     and {@code pooling} say it all
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
        Map<String, Double> metrics,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<EncoderPart> encoders) {
    public static final int FORMAT = 1;

    /** A manifest that records its encoders only by {@code encoder} and {@code pooling}. */
    public BundleManifest(
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
        this(
                format,
                id,
                version,
                encoder,
                pooling,
                maxTokens,
                overlap,
                labels,
                calibration,
                training,
                metrics,
                null);
    }

    /**
     * One encoder a head reads, as a bundle records it.
     *
     * @param id encoder id
     * @param precision {@code fp32} or {@code int8}
     * @param pooling {@code MEAN} or {@code CLS}
     * @param textPrefix what is put before every window ({@code "query: "} for E5)
     */
    public record EncoderPart(String id, String precision, String pooling, String textPrefix) {
        public static EncoderPart of(Encoder encoder) {
            return new EncoderPart(
                    encoder.id(),
                    encoder.precision(),
                    encoder.pooling().name(),
                    encoder.textPrefix());
        }

        /** The parts of a spec, in its order. */
        public static List<EncoderPart> of(EncoderSpec spec) {
            return spec.parts().stream().map(EncoderPart::of).toList();
        }
    }

    /**
     * Temperature scaling fitted on a held-out split: {@code p = softmax(logits / temperature)}.
     *
     * @param method {@code temperature}
     * @param temperature the fitted temperature, &gt; 0
     */
    public record Calibration(String method, double temperature) {}
}
