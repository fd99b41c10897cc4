package io.nlpstream.operators.rules;

/** The compiled "when" of a rule: whether it matches one scored record. */
@FunctionalInterface
public interface RuleCondition {
    boolean matches(RuleInput input);

    /**
     * The RE2J instructions this condition runs over the text, 0 when it runs none of its own; a
     * search costs at most about this times the characters scanned.
     */
    default int programSize() {
        return 0;
    }
}
