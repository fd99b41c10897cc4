package io.nlpstream.serving;

/** The model run failed for a batch (native runtime error, bad tensor shapes). */
public class InferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
