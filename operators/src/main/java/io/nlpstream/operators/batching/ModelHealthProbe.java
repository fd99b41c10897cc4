package io.nlpstream.operators.batching;

import io.nlpstream.serving.TextClassifier;
import java.util.List;

/**
 * Tells a text the model refuses from a model that refuses everything: it scores a fixed, harmless
 * text a few times with a short back-off. When every attempt fails the model itself is broken (a
 * lost device, a corrupt session, out of memory) and the caller must fail the task.
 */
final class ModelHealthProbe {
    static final String PROBE_TEXT = "This is a short and ordinary sentence.";
    static final int ATTEMPTS = 3;
    static final long FIRST_BACKOFF_MILLIS = 50;

    /**
     * Returns when the model scores the probe text; otherwise throws {@link ModelFailureException}
     * with {@code refusal} (what the model said about the text in question) as its cause.
     */
    void requireHealthy(TextClassifier model, RuntimeException refusal) {
        RuntimeException last = refusal;
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                model.classify(List.of(PROBE_TEXT));
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            if (attempt < ATTEMPTS) {
                pause(backoff);
                backoff *= 4;
            }
        }
        ModelFailureException failure =
                new ModelFailureException(
                        "the model "
                                + model.descriptor().id()
                                + " "
                                + model.descriptor().version()
                                + " failed on a probe text "
                                + ATTEMPTS
                                + " times after refusing a batch: the model itself is broken",
                        refusal);
        if (last != refusal) {
            failure.addSuppressed(last);
        }
        throw failure;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelFailureException("interrupted while probing the model", e);
        }
    }
}
