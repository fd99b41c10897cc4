package io.nlpstream.serving.testutils;

import io.nlpstream.serving.ClassifierOptions;
import io.nlpstream.serving.bundle.Bundles;
import io.nlpstream.serving.bundle.ModelBundle;
import io.nlpstream.serving.inference.Encoder;
import io.nlpstream.serving.inference.EncoderHeadClassifier;
import io.nlpstream.serving.inference.OnnxEncoder;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Real encoders and the shipped sentiment classifier, loaded once per test JVM. */
public final class TestModels {
    private static final Map<Encoder, OnnxEncoder> ENCODERS = new EnumMap<>(Encoder.class);
    private static final Map<String, EncoderHeadClassifier> CLASSIFIERS = new HashMap<>();

    private TestModels() {}

    public static synchronized OnnxEncoder encoder(Encoder encoder) {
        return ENCODERS.computeIfAbsent(
                encoder, e -> OnnxEncoder.load(e, ClassifierOptions.defaults()));
    }

    /** The shipped {@code sentiment} bundle on its encoder. */
    public static EncoderHeadClassifier sentiment() {
        return classifier("sentiment");
    }

    /** A shipped bundle on the shared encoder; not to be closed by tests. */
    public static synchronized EncoderHeadClassifier classifier(String bundleName) {
        return CLASSIFIERS.computeIfAbsent(
                bundleName,
                name -> {
                    ModelBundle bundle = Bundles.load(name);
                    return new EncoderHeadClassifier(
                            bundle,
                            encoder(Encoder.byId(bundle.manifest().encoder())),
                            ClassifierOptions.defaults());
                });
    }
}
