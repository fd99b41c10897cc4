package io.nlpstream.it;

import io.nlpstream.operators.batching.ClassifierProvider;
import io.nlpstream.serving.Classification;
import io.nlpstream.serving.TextClassifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real shared model, with one injected task failure once a given number of texts has been
 * scored: the job must recover from its last checkpoint without losing or duplicating a record.
 */
final class FailOnceClassifierProvider extends WrappingClassifierProvider {
    private static final long serialVersionUID = 1L;

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger SCORED = new AtomicInteger();

    private final int failAfter;

    FailOnceClassifierProvider(ClassifierProvider real, int failAfter) {
        super(real);
        this.failAfter = failAfter;
    }

    @Override
    protected TextClassifier wrap(TextClassifier model) {
        return new WrappedClassifier(model) {
            @Override
            public List<Classification> classify(List<String> texts) {
                if (SCORED.addAndGet(texts.size()) > failAfter
                        && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected task failure");
                }
                return model.classify(texts);
            }
        };
    }
}
