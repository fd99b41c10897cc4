package io.nlpstream.operators.rules;

/** Bytes from the rules topic that are neither an Avro single-object Rule nor a JSON rule. */
public class RuleDecodingException extends Exception {
    private static final long serialVersionUID = 1L;

    public RuleDecodingException(String message) {
        super(message);
    }

    public RuleDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
