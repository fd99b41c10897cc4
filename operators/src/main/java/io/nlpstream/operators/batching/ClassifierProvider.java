package io.nlpstream.operators.batching;

import io.nlpstream.serving.TextClassifier;
import java.io.Serializable;

/**
 * Where an operator gets its classifier from in {@code open()} and gives it back in {@code
 * close()}; implementations share one model per process across all slots.
 */
public interface ClassifierProvider extends Serializable {

    TextClassifier acquire();

    void release(TextClassifier classifier);
}
