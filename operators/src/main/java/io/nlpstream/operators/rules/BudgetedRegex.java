package io.nlpstream.operators.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** Compiles an RE2 pattern of a rule only when what it costs stays within a {@link RuleBudget}. */
final class BudgetedRegex {

    private BudgetedRegex() {}

    /**
     * Checks the pattern's group nesting and a bound on its program size before compiling it (so a
     * pattern that would exhaust the heap or the stack is never compiled), then the real program
     * size.
     *
     * @param what how the reason names the pattern, such as {@code regex}
     * @throws PatternSyntaxException when the pattern is not RE2
     */
    static Pattern compile(String ruleId, String what, String regex, int flags, RuleBudget budget)
            throws InvalidRuleException {
        RegexCost cost = RegexCost.of(regex);
        if (cost.nestingDepth() > budget.maxNestingDepth()) {
            throw new InvalidRuleException(
                    ruleId,
                    String.format(
                            "rule %s: %s nests groups %d deep, above the limit of %d",
                            ruleId, what, cost.nestingDepth(), budget.maxNestingDepth()));
        }
        if (cost.programBound() > budget.maxRuleProgramSize()) {
            throw overBudget(ruleId, what + " may compile to", cost.programBound(), budget);
        }
        Pattern pattern = Pattern.compile(regex, flags);
        if (pattern.programSize() > budget.maxRuleProgramSize()) {
            throw overBudget(ruleId, what + " compiles to", pattern.programSize(), budget);
        }
        return pattern;
    }

    private static InvalidRuleException overBudget(
            String ruleId, String what, long size, RuleBudget budget) {
        return new InvalidRuleException(
                ruleId,
                String.format(
                        "rule %s: %s %d instructions, above the limit of %d per rule",
                        ruleId, what, size, budget.maxRuleProgramSize()));
    }
}
