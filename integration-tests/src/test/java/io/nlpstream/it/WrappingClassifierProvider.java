package io.nlpstream.it;

import io.nlpstream.operators.batching.ClassifierProvider;
import io.nlpstream.serving.TextClassifier;

/** The real shared model, each classifier it hands out wrapped with a fault or a cost. */
abstract class WrappingClassifierProvider implements ClassifierProvider {
    private static final long serialVersionUID = 1L;

    private final ClassifierProvider real;

    WrappingClassifierProvider(ClassifierProvider real) {
        this.real = real;
    }

    /** The classifier handed out in place of {@code model}. */
    protected abstract TextClassifier wrap(TextClassifier model);

    @Override
    public String defaultModel() {
        return real.defaultModel();
    }

    @Override
    public TextClassifier acquire(String name) {
        return wrap(real.acquire(name));
    }

    @Override
    public void release(TextClassifier classifier) {
        classifier.close();
    }
}
