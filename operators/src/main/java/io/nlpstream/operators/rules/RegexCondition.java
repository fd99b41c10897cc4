package io.nlpstream.operators.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Matches when an RE2 pattern is found in the scanned text, in time linear in the text and in the
 * pattern's program.
 */
public final class RegexCondition implements RuleCondition {
    private final Pattern pattern;

    private RegexCondition(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Compiles {@code expression}, an RE2 pattern (inline flags such as {@code (?i)} allowed), when
     * its group nesting and program size are within {@code budget}.
     */
    static RegexCondition compile(String ruleId, String expression, RuleBudget budget)
            throws InvalidRuleException {
        try {
            return new RegexCondition(
                    BudgetedRegex.compile(ruleId, "regex", expression, 0, budget));
        } catch (PatternSyntaxException e) {
            throw new InvalidRuleException(
                    ruleId,
                    "rule "
                            + ruleId
                            + ": invalid regex '"
                            + expression
                            + "': "
                            + e.getDescription());
        }
    }

    @Override
    public boolean matches(RuleInput input) {
        return pattern.matcher(input.text()).find();
    }

    @Override
    public int programSize() {
        return pattern.programSize();
    }

    @Override
    public String toString() {
        return "REGEX[" + pattern.pattern() + "]";
    }
}
