package io.nlpstream.operators.testutils;

import io.nlpstream.serving.Classification;
import io.nlpstream.serving.InferenceException;
import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.ModelDescriptor;
import io.nlpstream.serving.TextClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic classifier for operator tests: "good" means positive, "maybe" lowers the
 * confidence to 0.6, "POISON" makes the whole batch fail the way a real model refuses a text, and
 * "CRASH" makes the model run itself fail on that text. A broken classifier fails every call.
 */
public class KeywordClassifier implements TextClassifier {
    public final AtomicInteger calls = new AtomicInteger();

    /** When set, every call fails the way a lost device or a corrupt session does. */
    public volatile boolean broken;

    private final String version;
    private final boolean invert;

    /** Version 1, "good" means positive. */
    public KeywordClassifier() {
        this("1", false);
    }

    /** A given version; an inverted one says the opposite label. */
    public KeywordClassifier(String version, boolean invert) {
        this.version = version;
        this.invert = invert;
    }

    public final List<Integer> batchSizes = new ArrayList<>();

    @Override
    public ModelDescriptor descriptor() {
        return new ModelDescriptor("keyword", version, List.of("negative", "positive"));
    }

    @Override
    public synchronized List<Classification> classify(List<String> texts) {
        calls.incrementAndGet();
        batchSizes.add(texts.size());
        List<Classification> out = new ArrayList<>();
        if (broken) {
            throw new InferenceException(
                    "keyword model run failed", new IllegalStateException("session is closed"));
        }
        for (String text : texts) {
            if (text.contains("CRASH")) {
                throw new InferenceException(
                        "keyword model run failed", new IllegalArgumentException("bad tensor"));
            }
            if (text.contains("POISON")) {
                throw new InvalidTextException(
                        InvalidTextException.Reason.INVALID_CHARACTERS, "poisoned text");
            }
            boolean positive = text.contains("good") != invert;
            double confidence = text.contains("maybe") ? 0.6 : 0.95;
            String label = positive ? "positive" : "negative";
            String other = positive ? "negative" : "positive";
            out.add(
                    new Classification(
                            label,
                            confidence,
                            Map.of(label, confidence, other, 1 - confidence),
                            1));
        }
        return out;
    }

    @Override
    public void close() {}
}
