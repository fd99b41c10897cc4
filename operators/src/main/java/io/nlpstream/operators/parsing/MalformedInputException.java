package io.nlpstream.operators.parsing;

/**
 * Input bytes that are not a TextEvent in any accepted format; the message is the dead-letter
 * reason.
 */
public class MalformedInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedInputException(String message) {
        super(message);
    }

    public MalformedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
