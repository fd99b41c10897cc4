package io.nlpstream.operators.rules;

/** A rule that cannot be compiled; the message says which rule and why. */
public class InvalidRuleException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String ruleId;

    public InvalidRuleException(String ruleId, String message) {
        super(message);
        this.ruleId = ruleId;
    }

    /** Id of the rejected rule, null when it had none. */
    public String ruleId() {
        return ruleId;
    }
}
