package io.nlpstream.it;

import io.nlpstream.operators.batching.ClassifierProvider;
import io.nlpstream.serving.Classification;
import io.nlpstream.serving.InferenceException;
import io.nlpstream.serving.TextClassifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real shared model, except that the first {@code broken} classifiers handed out (one per
 * subtask of the first attempt) fail every call, as a model whose session is lost would: the task
 * must fail and restart, and the classifiers of the restarted tasks work.
 */
final class BrokenFirstModelClassifierProvider extends WrappingClassifierProvider {
    private static final long serialVersionUID = 1L;

    static final AtomicInteger ACQUIRED = new AtomicInteger();
    static final AtomicInteger REFUSED_CALLS = new AtomicInteger();
    static final AtomicInteger SCORED_TEXTS = new AtomicInteger();

    private final int broken;

    BrokenFirstModelClassifierProvider(ClassifierProvider real, int broken) {
        super(real);
        this.broken = broken;
    }

    static void reset() {
        ACQUIRED.set(0);
        REFUSED_CALLS.set(0);
        SCORED_TEXTS.set(0);
    }

    @Override
    protected TextClassifier wrap(TextClassifier model) {
        boolean fails = ACQUIRED.getAndIncrement() < broken;
        return new WrappedClassifier(model) {
            @Override
            public List<Classification> classify(List<String> texts) {
                if (fails) {
                    REFUSED_CALLS.incrementAndGet();
                    // What the ONNX-backed classifier throws when its session fails.
                    throw new InferenceException(
                            "injected: the model session is lost",
                            new IllegalStateException("session closed"));
                }
                List<Classification> scores = model.classify(texts);
                SCORED_TEXTS.addAndGet(texts.size());
                return scores;
            }
        };
    }
}
