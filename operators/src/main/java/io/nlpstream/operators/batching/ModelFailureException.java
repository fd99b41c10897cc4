package io.nlpstream.operators.batching;

/** The model fails on every text: the task must fail so that Flink restores it. */
public class ModelFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
