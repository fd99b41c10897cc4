package io.nlpstream.operators.batching;

import io.nlpstream.serving.TextClassifier;
import java.io.Serializable;

/**
 * Where an operator gets its classifiers from in {@code open()} or on a model update, and gives
 * them back; implementations share one model per process across all slots.
 */
public interface ClassifierProvider extends Serializable {

    /** The model an operator serves until a model update says otherwise. */
    String defaultModel();

    /**
     * A classifier for a model reference (a shipped bundle name or a bundle directory).
     *
     * @throws RuntimeException with the reason when the model cannot be loaded
     */
    TextClassifier acquire(String model);

    void release(TextClassifier classifier);

    /**
     * Checks, without loading a session, that a model can be served; called when the job is built,
     * so that a missing or corrupt model fails before it starts.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    default void check(String model) {}
}
