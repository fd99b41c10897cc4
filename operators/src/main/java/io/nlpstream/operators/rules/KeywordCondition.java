package io.nlpstream.operators.rules;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/** Matches when the text contains one of some words or phrases, as whole words, any case. */
public final class KeywordCondition implements RuleCondition {
    // Anything but a word character in any script: a keyword must not touch a word character.
    private static final String NOT_WORD = "[^\\p{L}\\p{N}_]";

    private final List<String> keywords;
    private final Pattern pattern;

    private KeywordCondition(List<String> keywords, Pattern pattern) {
        this.keywords = keywords;
        this.pattern = pattern;
    }

    /**
     * Compiles {@code expression}: comma-separated words or phrases. {@code refund} matches "Refund
     * now!" but not "refunds"; a phrase matches across any run of white space. The list compiles to
     * one pattern, whose program size must be within {@code budget}.
     */
    static KeywordCondition compile(String ruleId, String expression, RuleBudget budget)
            throws InvalidRuleException {
        List<String> keywords = new ArrayList<>();
        StringBuilder alternatives = new StringBuilder();
        for (String entry : expression.split(",", -1)) {
            String keyword = entry.trim();
            if (keyword.isEmpty()) {
                throw new InvalidRuleException(
                        ruleId,
                        "rule "
                                + ruleId
                                + ": KEYWORD expression has an empty entry: '"
                                + expression
                                + "'");
            }
            keywords.add(keyword);
            if (alternatives.length() > 0) {
                alternatives.append('|');
            }
            alternatives.append(phrase(keyword));
        }
        Pattern pattern =
                BudgetedRegex.compile(
                        ruleId,
                        "KEYWORD list",
                        "(?:^|" + NOT_WORD + ")(?:" + alternatives + ")(?:$|" + NOT_WORD + ")",
                        Pattern.CASE_INSENSITIVE,
                        budget);
        return new KeywordCondition(List.copyOf(keywords), pattern);
    }

    private static String phrase(String keyword) {
        StringBuilder regex = new StringBuilder();
        for (String word : keyword.split("\\s+")) {
            if (regex.length() > 0) {
                regex.append("\\s+");
            }
            regex.append(Pattern.quote(word));
        }
        return regex.toString();
    }

    @Override
    public boolean matches(RuleInput input) {
        return pattern.matcher(input.text()).find();
    }

    @Override
    public int programSize() {
        return pattern.programSize();
    }

    public List<String> keywords() {
        return keywords;
    }

    @Override
    public String toString() {
        return "KEYWORD" + keywords;
    }
}
