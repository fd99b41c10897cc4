package io.nlpstream.operators.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Random;
import org.junit.jupiter.api.Test;
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

    private static final String[] ATOMS = {
        "a",
        "k",
        "é",
        "\uD83D\uDE00",
        "\\d",
        "\\w",
        "\\s",
        "\\D",
        "\\pN",
        "\\pL",
        "\\p{Greek}",
        "\\x{41}",
        "\\.",
        "\\\\",
        "\\{",
        ".",
        "^",
        "$",
        "\\b",
        "\\B",
        "\\A",
        "\\z",
        "[a-c]",
        "[^x]",
        "[]a]",
        "[^]a]",
        "[\\d\\]]",
        "[[:alpha:]]",
        "[a-z[:digit:]]",
        "[\\p{L}\\p{N}_]",
        "\\Qab\\E",
        "\\Qa(b{3}\\E",
        "(?i)",
        "(?U)",
        "(?-i:x)",
        "(?im-s:y)",
        "x{",
        "{,3}"
    };
    private static final String[] OPENERS = {"(", "(?:", "(?i:", "(?s:", "(?P<g%d>", "(?<h%d>"};

    @Test
    void boundsTheProgramOfRandomPatterns() {
        Random random = new Random(20_261_130L);
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            String pattern = randomPattern(random, 0);
            long bound = RegexCost.of(pattern).programBound();
            if (bound > 100_000) {
                continue; // compiling it is what the bound is there to prevent
            }
            Pattern compiled;
            try {
                compiled = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                continue;
            }
            assertThat(bound).as(pattern).isGreaterThanOrEqualTo(compiled.programSize());
            checked++;
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    private static String randomPattern(Random random, int depth) {
        StringBuilder pattern = new StringBuilder();
        int pieces = 1 + random.nextInt(4);
        for (int p = 0; p < pieces; p++) {
            if (random.nextInt(10) < 3 && depth < 5) {
                String opener = OPENERS[random.nextInt(OPENERS.length)];
                pattern.append(String.format(opener, random.nextInt(1_000_000)))
                        .append(randomPattern(random, depth + 1));
                if (random.nextInt(3) == 0) {
                    pattern.append('|').append(randomPattern(random, depth + 1));
                }
                pattern.append(')');
            } else {
                pattern.append(ATOMS[random.nextInt(ATOMS.length)]);
            }
            switch (random.nextInt(8)) {
                case 2 -> pattern.append('*');
                case 3 -> pattern.append('+');
                case 4 -> pattern.append('?');
                case 5 -> pattern.append('{').append(random.nextInt(20)).append('}');
                case 6 ->
                        pattern.append('{')
                                .append(random.nextInt(4))
                                .append(',')
                                .append(20 + random.nextInt(6))
                                .append('}');
                case 7 -> pattern.append('{').append(random.nextInt(5)).append(",}");
                default -> {}
            }
            if (random.nextInt(4) == 0) {
                pattern.append('?');
            }
            if (random.nextInt(6) == 0) {
                pattern.append('|');
            }
        }
        return pattern.toString();
    }
}
