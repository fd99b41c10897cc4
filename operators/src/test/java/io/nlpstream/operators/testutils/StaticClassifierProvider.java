package io.nlpstream.operators.testutils;

import io.nlpstream.operators.batching.ClassifierProvider;
import io.nlpstream.serving.TextClassifier;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands every operator the same test classifier and counts acquire/release pairs. */
public class StaticClassifierProvider implements ClassifierProvider {
    private static final long serialVersionUID = 1L;

    public static volatile KeywordClassifier classifier = new KeywordClassifier();
    public static final AtomicInteger held = new AtomicInteger();

    /** Models other than the default one; "broken" fails to load. */
    public static final java.util.Map<String, KeywordClassifier> others =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public String defaultModel() {
        return "keyword";
    }

    /** When set, loading any model but the default one waits until it opens. */
    public static volatile java.util.concurrent.CountDownLatch slowLoads;

    @Override
    public TextClassifier acquire(String model) {
        java.util.concurrent.CountDownLatch gate = slowLoads;
        if (gate != null && !model.equals("keyword")) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (model.equals("keyword")) {
            held.incrementAndGet();
            return classifier;
        }
        KeywordClassifier other = others.get(model);
        if (other == null) {
            throw new IllegalArgumentException("no model bundle named '" + model + "'");
        }
        held.incrementAndGet();
        return other;
    }

    @Override
    public void release(TextClassifier c) {
        held.decrementAndGet();
    }
}
