package io.nlpstream.it;

import io.nlpstream.serving.ModelDescriptor;
import io.nlpstream.serving.RunShape;
import io.nlpstream.serving.TextClassifier;

/** A real classifier with a fault or a cost injected into {@code classify}; the rest forwards. */
abstract class WrappedClassifier implements TextClassifier {
    protected final TextClassifier model;

    WrappedClassifier(TextClassifier model) {
        this.model = model;
    }

    @Override
    public ModelDescriptor descriptor() {
        return model.descriptor();
    }

    @Override
    public int[] windowLengths(String text) {
        return model.windowLengths(text);
    }

    @Override
    public RunShape runShape(int[] windowLengths) {
        return model.runShape(windowLengths);
    }

    @Override
    public void close() {
        model.close();
    }
}
