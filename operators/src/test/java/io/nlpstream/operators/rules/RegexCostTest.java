package io.nlpstream.operators.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexCostTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "refund",
                "(?i)order\\s+#?\\d{5}",
                "a{1000}b",
                "(?:a{10}){100}b",
                "(?:a{2,7}){3,}x{0,4}y{0}z{1,}",
                "(a|b|)c*?d+?e??",
                "((((a))))",
                "(?P<year>\\d{4})-(?<month>\\d{2})",
                "(?i:ab|cd)(?s).(?m)^x$",
                "[\\]a-z{}]{5}[^]x]{3}[[:alpha:][:^digit:]]{2}",
                "\\p{Greek}{4}\\pL{2}\\x{41}{3}\\x41\\Q(a{9})\\E{2}",
                "a{,5}b{x}c{",
                "(?:\\b\\w+\\b\\s*){20}",
                "(?:(?:(?:ab){3}|cd{2,4}){2}){5}",
                "(?:^|[^\\p{L}\\p{N}_])(?:\\Qrefund\\E|\\Qcharge\\E\\s+\\Qback\\E)(?:$|[^\\p{L}\\p{N}_])",
                "\\d{1,3}(?:,\\d{3})+|\\d+",
                "",
                "()",
                "a|b|c|d|e|f|g",
                "x*y+z?"
            })
    void boundsTheProgramRe2jCompiles(String pattern) {
        int actual = Pattern.compile(pattern).programSize();
        long bound = RegexCost.of(pattern).programBound();

        assertThat(bound).isGreaterThanOrEqualTo(actual);
        // Close enough that a budget in instructions means what it says.
        assertThat(bound).isLessThanOrEqualTo(3L * actual + 10);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(?:(?:a{1000}){1000}){1000}",
                "((((((a{1000}){1000}){1000}){1000}){1000}){1000}){1000}",
                "(?:[a-z]{1000}){999}"
            })
    void nestedRepetitionsMultiplyWithoutOverflow(String pattern) {
        assertThat(RegexCost.of(pattern).programBound()).isGreaterThan(900_000L);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(((a)))|b",
                "(?:(?:(x)))",
                "(?P<a>(?<b>(?i:c)))",
                "[(](((a)))[)]",
                "\\((((a)))\\)"
            })
    void countsGroupNestingButNotParenthesesThatAreLiterals(String pattern) {
        assertThat(RegexCost.of(pattern).nestingDepth()).isEqualTo(3);
    }
}
