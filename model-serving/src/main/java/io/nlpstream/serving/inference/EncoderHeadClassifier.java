package io.nlpstream.serving.inference;

import io.nlpstream.serving.Classification;
import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.ModelDescriptor;
import io.nlpstream.serving.RunShape;
import io.nlpstream.serving.TextClassifier;
import io.nlpstream.serving.bundle.BundleManifest;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.head.ChunkAggregator;
import io.nlpstream.serving.head.LinearHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link TextClassifier} made of a bundle's encoder, its linear head and its calibration. */
public final class EncoderHeadClassifier implements TextClassifier {
    private final ModelBundle bundle;
    private final OnnxEncoder encoder;
    private final ChunkEmbedder embedder;
    private final double temperature;
    private final boolean ownsEncoder;

    /** A classifier that owns the encoder: closing the classifier closes the session. */
    public EncoderHeadClassifier(
            ModelBundle bundle, OnnxEncoder encoder, ClassifierOptions options) {
        this(bundle, encoder, options, true);
    }

    /**
     * A classifier on an encoder session that others share and that outlives it (closing the
     * classifier leaves the session open).
     */
    public static EncoderHeadClassifier sharing(
            ModelBundle bundle, OnnxEncoder encoder, ClassifierOptions options) {
        return new EncoderHeadClassifier(bundle, encoder, options, false);
    }

    private EncoderHeadClassifier(
            ModelBundle bundle, OnnxEncoder encoder, ClassifierOptions options, boolean owns) {
        BundleManifest manifest = bundle.manifest();
        if (!encoder.encoder().id().equals(manifest.encoder())) {
            throw new IllegalArgumentException(
                    "bundle wants encoder "
                            + manifest.encoder()
                            + ", got "
                            + encoder.encoder().id());
        }
        if (encoder.dimension() != bundle.head().dimension()) {
            throw new IllegalArgumentException(
                    "head expects "
                            + bundle.head().dimension()
                            + " features, encoder gives "
                            + encoder.dimension());
        }
        this.bundle = bundle;
        this.encoder = encoder;
        int overlap = options.overlap() >= 0 ? options.overlap() : manifest.overlap();
        this.embedder =
                new ChunkEmbedder(
                        encoder,
                        manifest.maxTokens(),
                        overlap,
                        options.maxBatch(),
                        options.maxChunks());
        this.temperature = manifest.calibration().temperature();
        this.ownsEncoder = owns;
    }

    /** Loads the bundle's encoder and builds the classifier (owns the encoder). */
    public static EncoderHeadClassifier open(ModelBundle bundle, ClassifierOptions options) {
        OnnxEncoder encoder = OnnxEncoder.load(Encoder.byId(bundle.manifest().encoder()), options);
        try {
            EncoderHeadClassifier classifier = new EncoderHeadClassifier(bundle, encoder, options);
            classifier.warmUp();
            return classifier;
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /**
     * The first runs of a fresh session are many times slower (graph preparation, memory arenas,
     * JIT); pay for them here rather than on the first records of a stream.
     */
    public void warmUp() {
        int maxBatch = embedder.maxBatch();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < maxBatch; i++) {
            texts.add(
                    "Warm-up text number "
                            + i
                            + " for a new session, a little longer each time.".repeat(1 + i % 4));
        }
        for (int round = 0; round < 3; round++) {
            classify(texts);
            classify(texts.subList(0, 1));
        }
    }

    @Override
    public ModelDescriptor descriptor() {
        return bundle.descriptor();
    }

    public ModelBundle bundle() {
        return bundle;
    }

    @Override
    public List<Classification> classify(List<String> texts) {
        float[][][] vectors = embedder.embed(texts);
        List<Classification> out = new ArrayList<>(texts.size());
        for (float[][] windows : vectors) {
            out.add(classification(windows));
        }
        return out;
    }

    @Override
    public int[] windowLengths(String text) {
        return embedder.windowLengths(text);
    }

    @Override
    public RunShape runShape(int[] windowLengths) {
        return embedder.runShape(windowLengths);
    }

    /** The encoder session this classifier runs on. */
    public OnnxEncoder encoder() {
        return encoder;
    }

    private Classification classification(float[][] windows) {
        LinearHead head = bundle.head();
        double[] p = ChunkAggregator.textProbabilities(head, windows, temperature);
        Map<String, Double> scores = new LinkedHashMap<>();
        int best = 0;
        for (int k = 0; k < p.length; k++) {
            scores.put(head.labels().get(k), p[k]);
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new Classification(head.labels().get(best), p[best], scores, windows.length);
    }

    @Override
    public void close() {
        if (ownsEncoder) {
            encoder.close();
        }
    }
}
