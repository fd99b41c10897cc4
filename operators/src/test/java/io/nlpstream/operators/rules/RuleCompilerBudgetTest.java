package io.nlpstream.operators.rules;

import static io.nlpstream.operators.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuleCompilerBudgetTest {
    private final RuleCompiler compiler = new RuleCompiler();

    @Test
    void aPatternThatWouldExhaustTheHeapIsRejectedBeforeCompiling() {
        // Compiling this expands a billion-instruction program; the heap runs out inside RE2J.
        String pattern = "(?:(?:a{1000}){1000}){1000}";
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () ->
                        assertThatThrownBy(
                                        () ->
                                                compiler.compile(
                                                        rule("oom", "REGEX", pattern, "DROP", "x")))
                                .isInstanceOf(InvalidRuleException.class)
                                .hasMessageStartingWith("rule oom: regex may compile to ")
                                .hasMessageEndingWith(
                                        " instructions, above the limit of 1000 per rule"));
    }

    @Test
    void aPatternWhoseSearchTakesSecondsIsRejected() {
        // It compiles to a million instructions; one find over 20,000 characters takes seconds.
        assertThatThrownBy(
                        () ->
                                compiler.compile(
                                        rule("slow", "REGEX", "(?:a{1000}){1000}b", "DROP", "x")))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage(
                        "rule slow: regex may compile to 1000003 instructions, above the limit"
                                + " of 1000 per rule");
    }

    @Test
    void deeplyNestedGroupsAreRejected() {
        String pattern = "(".repeat(101) + "a" + ")".repeat(101);
        assertThatThrownBy(() -> compiler.compile(rule("deep", "REGEX", pattern, "DROP", "x")))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("rule deep: regex nests groups 101 deep, above the limit of 100");
    }

    @Test
    void aTooLongExpressionIsRejectedWhateverItsKind() {
        String words = "refund, ".repeat(1_250) + "x";
        assertThat(words).hasSize(10_001);
        assertThatThrownBy(() -> compiler.compile(rule("long", "KEYWORD", words, "DROP", "x")))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("rule long: expression of 10001 characters exceeds the limit of 10000");
    }

    @Test
    void aKeywordListIsBoundedLikeARegex() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            words.append(i == 0 ? "" : ", ").append("word").append(i);
        }
        assertThatThrownBy(
                        () ->
                                compiler.compile(
                                        rule("many", "KEYWORD", words.toString(), "DROP", "x")))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith("rule many: KEYWORD list may compile to ")
                .hasMessageEndingWith(" instructions, above the limit of 1000 per rule");
    }

    @Test
    void aPatternAtTheLimitIsAccepted() throws Exception {
        CompiledRule rule = compiler.compile(rule("big", "REGEX", "[a-z]{997}!", "DROP", "x"));
        assertThat(rule.programSize()).isEqualTo(1_000);
        assertThat(rule.matches(RuleFixtures.scored("e", "x".repeat(997) + "!", "n", 1))).isTrue();
    }

    @Test
    void textRulesSeeTheTextUpToTheScanLimitAsIfItEndedThere() throws Exception {
        RuleBudget budget = new RuleBudget(100, 10, 100, 1_000, 10, 5);
        RuleCompiler small = new RuleCompiler(budget);
        RuleSet rules = new RuleSet(budget);
        rules.put(small.compile(rule("word", "KEYWORD", "refund", "ROUTE", "billing")));
        rules.put(small.compile(rule("end", "REGEX", "x$", "ALERT", null)));

        assertThat(rules.evaluate(RuleFixtures.scored("e1", "a  refund", "n", 1)).firedRuleIds())
                .containsExactly("word");
        // "refund" starts at index 7 and is cut after "ref"; the cut is the text's end for "$".
        assertThat(
                        rules.evaluate(RuleFixtures.scored("e2", "abcdef refund", "n", 1))
                                .firedRuleIds())
                .isEmpty();
        assertThat(rules.evaluate(RuleFixtures.scored("e3", "xxxxxxxxxxyz", "n", 1)).firedRuleIds())
                .containsExactly("end");
    }

    @Test
    void theScanLimitNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        assertThat(RuleInput.scanned("abc" + emoji + "d", 4)).isEqualTo("abc");
        assertThat(RuleInput.scanned("abc" + emoji + "d", 5)).isEqualTo("abc" + emoji);
        assertThat(RuleInput.scanned("abc", 5)).isEqualTo("abc");
    }

    @Test
    void aBudgetIsValidated() {
        assertThatThrownBy(() -> new RuleBudget(100, 10, 100, 1_000, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxScanChars must be positive, was 0");
        assertThatThrownBy(() -> new RuleBudget(100, 10, 2_000, 1_000, 10, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRuleProgramSize (2000) must not exceed maxTotalProgramSize (1000)");
    }
}
