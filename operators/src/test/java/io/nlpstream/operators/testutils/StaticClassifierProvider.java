package io.nlpstream.operators.testutils;

import io.nlpstream.operators.batching.ClassifierProvider;
import io.nlpstream.serving.TextClassifier;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands every operator the same test classifier and counts acquire/release pairs. */
public class StaticClassifierProvider implements ClassifierProvider {
    private static final long serialVersionUID = 1L;

    public static volatile KeywordClassifier classifier = new KeywordClassifier();
    public static final AtomicInteger held = new AtomicInteger();

    @Override
    public TextClassifier acquire() {
        held.incrementAndGet();
        return classifier;
    }

    @Override
    public void release(TextClassifier c) {
        held.decrementAndGet();
    }
}
