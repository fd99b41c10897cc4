package io.nlpstream.jobs.bench;

import io.nlpstream.serving.bundle.BundleIo;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.inference.Encoder;
import java.nio.file.Path;
import java.util.Map;

/**
 * Bundles that put a bundle's head on another encoder of the same width, so that fp32 and int8
 * encoders run through the same pipeline. For throughput: the head may not be trained on them.
 */
final class EncoderVariants {
    /** A shipped bundle trained on the MiniLM encoder, preferred as the base where present. */
    private static final String MINILM_BUNDLE = "sentiment-minilm";

    private EncoderVariants() {}

    /**
     * The model name to run {@code encoder} with: a shipped bundle built on it, or a variant of one
     * written into {@code dir}.
     */
    static String modelFor(Path dir, String baseModel, Encoder encoder) {
        if (Bundles.load(baseModel).manifest().encoder().equals(encoder.id())) {
            return baseModel;
        }
        if (Bundles.SHIPPED.contains(MINILM_BUNDLE)) {
            ModelBundle minilm = Bundles.load(MINILM_BUNDLE);
            if (minilm.manifest().encoder().equals(encoder.id())) {
                return MINILM_BUNDLE;
            }
            return write(dir, minilm, encoder).toString();
        }
        return write(dir, Bundles.load(baseModel), encoder).toString();
    }

    /** Writes the variant into {@code dir} and returns its directory. */
    static Path write(Path dir, ModelBundle base, Encoder encoder) {
        BundleManifest m = base.manifest();
        BundleManifest variant =
                new BundleManifest(
                        m.format(),
                        m.id() + "-on-" + encoder.id(),
                        m.version(),
                        encoder.id(),
                        encoder.pooling().name(),
                        Math.min(m.maxTokens(), encoder.maxTokens()),
                        m.overlap(),
                        m.labels(),
                        m.calibration(),
                        Map.of(
                                "note",
                                "benchmark variant: the head of "
                                        + m.id()
                                        + " on "
                                        + encoder.id()
                                        + "; throughput only, its predictions mean nothing"),
                        m.metrics());
        Path target = dir.resolve(encoder.id());
        BundleIo.write(target, variant, base.head());
        return target;
    }
}
