package io.nlpstream.serving;

/** A text the model cannot score; {@link #reason()} says why in words fit for a dead letter. */
public class InvalidTextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a text was refused. */
    public enum Reason {
        EMPTY,
        INVALID_CHARACTERS,
        TOO_LONG
    }

    private final Reason reason;

    public InvalidTextException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
