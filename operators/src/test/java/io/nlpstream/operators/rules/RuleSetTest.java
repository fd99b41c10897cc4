package io.nlpstream.operators.rules;

import static io.nlpstream.operators.rules.RuleFixtures.rule;
import static io.nlpstream.operators.rules.RuleFixtures.scored;
import static io.nlpstream.operators.rules.RuleFixtures.withPriority;
import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.schemas.Rule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {
    private final RuleCompiler compiler = new RuleCompiler();

    private RuleSet ruleSet(Rule... rules) throws InvalidRuleException {
        List<CompiledRule> compiled = new ArrayList<>();
        for (Rule rule : rules) {
            compiled.add(compiler.compile(rule));
        }
        return new RuleSet(compiled);
    }

    @Test
    void evaluatesEnabledRulesByPriorityThenIdAndTheFirstWins() throws Exception {
        Rule off = rule("0-off", "KEYWORD", "x", "OVERRIDE_LABEL", "never");
        off.setEnabled(false);
        RuleSet rules =
                ruleSet(
                        withPriority(rule("b", "KEYWORD", "x", "OVERRIDE_LABEL", "second"), 1),
                        withPriority(rule("a", "KEYWORD", "x", "OVERRIDE_LABEL", "first"), 1),
                        withPriority(rule("route2", "KEYWORD", "x", "ROUTE", "q2"), 0),
                        withPriority(rule("route1", "KEYWORD", "x", "FORCE_REVIEW", "q1"), -1),
                        withPriority(rule("drop2", "KEYWORD", "x", "DROP", "two"), 9),
                        withPriority(rule("drop1", "KEYWORD", "x", "DROP", "one"), 8),
                        off);

        assertThat(rules.size()).isEqualTo(6);
        RuleOutcome outcome = rules.evaluate(scored("e", "x", "neg", 0.99));
        assertThat(outcome.firedRuleIds())
                .containsExactly("route1", "route2", "a", "b", "drop1", "drop2");
        assertThat(outcome.label()).isEqualTo("first");
        assertThat(outcome.queue()).isEqualTo("q1");
        assertThat(outcome.reviewRuleId()).isEqualTo("route1");
        assertThat(outcome.dropRule().id()).isEqualTo("drop1");
        assertThat(outcome.dropped()).isTrue();
        assertThat(outcome.forcedReview()).isTrue();
        assertThat(outcome.alertRules()).isEmpty();
    }

    @Test
    void noMatchKeepsTheModelsDecision() throws Exception {
        RuleOutcome outcome =
                ruleSet(rule("a", "KEYWORD", "x", "ALERT", null))
                        .evaluate(scored("e", "y", "n", 1));
        assertThat(outcome.firedRuleIds()).isEmpty();
        assertThat(outcome.label()).isEqualTo("n");
        assertThat(outcome.queue()).isNull();
        assertThat(outcome.dropped()).isFalse();
        assertThat(outcome.forcedReview()).isFalse();
        assertThat(RuleSet.empty().evaluate(scored("e", "y", "n", 1)).label()).isEqualTo("n");
    }
}
