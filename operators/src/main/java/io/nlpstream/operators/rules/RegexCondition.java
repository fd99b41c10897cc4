package io.nlpstream.operators.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.nlpstream.schemas.ScoredEvent;

/** Matches when an RE2 pattern is found in the text, in time linear in the text. */
public final class RegexCondition implements RuleCondition {
    private final Pattern pattern;

    private RegexCondition(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles {@code expression}, an RE2 pattern (inline flags such as {@code (?i)} allowed). */
    static RegexCondition compile(String ruleId, String expression) throws InvalidRuleException {
        try {
            return new RegexCondition(Pattern.compile(expression));
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
    public boolean matches(ScoredEvent scored) {
        return pattern.matcher(scored.getEvent().getText()).find();
    }

    @Override
    public String toString() {
        return "REGEX[" + pattern.pattern() + "]";
    }
}
