package io.nlpstream.operators.rules;

import java.io.Serializable;

/**
 * The limits on what a rule may cost to compile and to run per record, and on the rule set.
 *
 * <p>A text rule (REGEX, KEYWORD) runs as an RE2J program; one search costs at most about the
 * characters scanned times the program's instructions. {@link #maxRuleProgramSize} and {@link
 * #maxScanChars} bound one rule's search, {@link #maxTotalProgramSize} all of them for one record.
 *
 * @param maxExpressionChars longest expression of any kind, in characters
 * @param maxNestingDepth deepest nesting of groups in a regex (RE2J compiles recursively)
 * @param maxRuleProgramSize most RE2J instructions one text rule may compile to
 * @param maxTotalProgramSize most RE2J instructions of all enabled text rules together
 * @param maxScanChars characters of a record's text the rules look at, from its start
 * @param maxRules most rules held (enabled or not)
 */
public record RuleBudget(
        int maxExpressionChars,
        int maxNestingDepth,
        int maxRuleProgramSize,
        int maxTotalProgramSize,
        int maxScanChars,
        int maxRules)
        implements Serializable {

    /** The limits documented in RULES.md. */
    public static final RuleBudget DEFAULT =
            new RuleBudget(10_000, 100, 1_000, 4_000, 4_000, 1_000);

    public RuleBudget {
        requirePositive("maxExpressionChars", maxExpressionChars);
        requirePositive("maxNestingDepth", maxNestingDepth);
        requirePositive("maxRuleProgramSize", maxRuleProgramSize);
        requirePositive("maxTotalProgramSize", maxTotalProgramSize);
        requirePositive("maxScanChars", maxScanChars);
        requirePositive("maxRules", maxRules);
        if (maxRuleProgramSize > maxTotalProgramSize) {
            throw new IllegalArgumentException(
                    "maxRuleProgramSize ("
                            + maxRuleProgramSize
                            + ") must not exceed maxTotalProgramSize ("
                            + maxTotalProgramSize
                            + ")");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
