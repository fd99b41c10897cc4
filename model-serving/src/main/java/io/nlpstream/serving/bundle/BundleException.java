package io.nlpstream.serving.bundle;

/** A model bundle is missing, incomplete or corrupt; the message names the file and the fault. */
public class BundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
