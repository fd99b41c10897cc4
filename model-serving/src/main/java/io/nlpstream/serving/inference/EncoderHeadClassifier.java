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

/**
 * A {@link TextClassifier} made of a bundle's encoders (one, or several whose vectors are
 * concatenated), its linear head and its calibration.
 */
public final class EncoderHeadClassifier implements TextClassifier {
    private final ModelBundle bundle;
    private final List<OnnxEncoder> encoders;
    private final TextEmbedder embedder;
    private final double temperature;
    private final boolean ownsEncoders;

    /** A classifier that owns the encoder: closing the classifier closes the session. */
    public EncoderHeadClassifier(
            ModelBundle bundle, OnnxEncoder encoder, ClassifierOptions options) {
        this(bundle, List.of(encoder), options, true);
    }

    /**
     * A classifier on encoder sessions that others share and that outlive it (closing the
     * classifier leaves the sessions open); one session per encoder of the bundle, in its order.
     */
    public static EncoderHeadClassifier sharing(
            ModelBundle bundle, List<OnnxEncoder> encoders, ClassifierOptions options) {
        return new EncoderHeadClassifier(bundle, encoders, options, false);
    }

    /** {@link #sharing(ModelBundle, List, ClassifierOptions)} for a bundle of one encoder. */
    public static EncoderHeadClassifier sharing(
            ModelBundle bundle, OnnxEncoder encoder, ClassifierOptions options) {
        return sharing(bundle, List.of(encoder), options);
    }

    private EncoderHeadClassifier(
            ModelBundle bundle,
            List<OnnxEncoder> encoders,
            ClassifierOptions options,
            boolean owns) {
        BundleManifest manifest = bundle.manifest();
        EncoderSpec given = new EncoderSpec(encoders.stream().map(OnnxEncoder::encoder).toList());
        if (!given.equals(bundle.encoderSpec())) {
            throw new IllegalArgumentException(
                    "bundle wants encoder " + manifest.encoder() + ", got " + given.id());
        }
        int overlap = options.overlap() >= 0 ? options.overlap() : manifest.overlap();
        TextEmbedder windows =
                TextEmbedder.over(
                        encoders,
                        manifest.maxTokens(),
                        overlap,
                        options.maxBatch(),
                        options.maxChunks());
        if (windows.dimension() != bundle.head().dimension()) {
            throw new IllegalArgumentException(
                    "head expects "
                            + bundle.head().dimension()
                            + " features, encoder gives "
                            + windows.dimension());
        }
        this.bundle = bundle;
        this.encoders = List.copyOf(encoders);
        this.embedder = windows;
        this.temperature = manifest.calibration().temperature();
        this.ownsEncoders = owns;
    }

    /** Loads the bundle's encoders and builds the classifier (owns the encoders). */
    public static EncoderHeadClassifier open(ModelBundle bundle, ClassifierOptions options) {
        EncoderSessions sessions = EncoderSessions.load(bundle.encoderSpec(), options);
        try {
            EncoderHeadClassifier classifier =
                    new EncoderHeadClassifier(bundle, sessions.encoders(), options, true);
            classifier.warmUp();
            return classifier;
        } catch (RuntimeException e) {
            sessions.close();
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

    /** The encoder sessions this classifier runs on, in concatenation order. */
    public List<OnnxEncoder> encoders() {
        return encoders;
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
        if (ownsEncoders) {
            encoders.forEach(OnnxEncoder::close);
        }
    }
}
