package io.nlpstream.operators.rules;

import static io.nlpstream.operators.rules.RuleFixtures.rule;
import static io.nlpstream.operators.rules.RuleFixtures.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.operators.alerts.AlertSeverity;
import io.nlpstream.schemas.Rule;
import io.nlpstream.schemas.ScoredEvent;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleCompilerTest {
    private final RuleCompiler compiler = new RuleCompiler();

    private CompiledRule compile(Rule rule) throws InvalidRuleException {
        return compiler.compile(rule);
    }

    private static RuleInput input(ScoredEvent scored) {
        return new RuleInput(scored, RuleBudget.DEFAULT.maxScanChars());
    }

    private void assertRejected(Rule rule, String message) {
        assertThatThrownBy(() -> compiler.compile(rule))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage(message);
    }

    @Test
    void compilesEveryKindWithItsFields() throws Exception {
        Rule source = rule("k1", "keyword", "refund", "override_label", "complaint");
        source.setPriority(5);
        source.setVersion(7L);
        source.setDescription("refund requests");
        CompiledRule compiled = compile(source);

        assertThat(compiled.id()).isEqualTo("k1");
        assertThat(compiled.kind()).isEqualTo(RuleKind.KEYWORD);
        assertThat(compiled.action()).isEqualTo(RuleAction.OVERRIDE_LABEL);
        assertThat(compiled.actionArg()).isEqualTo("complaint");
        assertThat(compiled.priority()).isEqualTo(5);
        assertThat(compiled.version()).isEqualTo(7L);
        assertThat(compiled.enabled()).isTrue();
        assertThat(compiled.detail()).isEqualTo("refund requests");

        assertThat(compile(rule("r", "REGEX", "a+b", "ROUTE", "q")).condition())
                .isInstanceOf(RegexCondition.class);
        assertThat(
                        compile(rule("a", "AMOUNT_THRESHOLD", "amount > 10", "FORCE_REVIEW", null))
                                .condition())
                .isInstanceOf(AmountThresholdCondition.class);
        assertThat(compile(rule("m", "METADATA_MATCH", "source == x", "DROP", "spam")).condition())
                .isInstanceOf(MetadataMatchCondition.class);
        assertThat(compile(rule("l", "LABEL_CONFIDENCE", "label == x", "ALERT", null)).condition())
                .isInstanceOf(LabelConfidenceCondition.class);
    }

    @Test
    void alertSeverityDefaultsToWarningAndDetailToKindAndExpression() throws Exception {
        CompiledRule plain = compile(rule("a1", "KEYWORD", " fraud ", "ALERT", null));
        assertThat(plain.severity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(plain.detail()).isEqualTo("KEYWORD fraud");
        assertThat(compile(rule("a2", "KEYWORD", "fraud", "ALERT", "critical")).severity())
                .isEqualTo(AlertSeverity.CRITICAL);
        assertThat(compile(rule("a3", "KEYWORD", "fraud", "ROUTE", "q")).severity()).isNull();
    }

    @Test
    void rejectsUnknownKind() {
        assertRejected(
                rule("r1", "FUZZY", "x", "DROP", "why"),
                "rule r1: unknown kind 'FUZZY' (expected one of KEYWORD, REGEX, AMOUNT_THRESHOLD,"
                        + " METADATA_MATCH, LABEL_CONFIDENCE)");
    }

    @Test
    void rejectsUnknownAction() {
        assertRejected(
                rule("r1", "KEYWORD", "x", "ESCALATE", null),
                "rule r1: unknown action 'ESCALATE' (expected one of OVERRIDE_LABEL, ROUTE,"
                        + " FORCE_REVIEW, ALERT, DROP)");
    }

    @Test
    void rejectsInvalidRegex() {
        assertRejected(
                rule("r1", "REGEX", "(unclosed", "FORCE_REVIEW", null),
                "rule r1: invalid regex '(unclosed': missing closing )");
        // Backreferences would need backtracking; RE2 refuses them.
        assertRejected(
                rule("r2", "REGEX", "(a)\\1", "FORCE_REVIEW", null),
                "rule r2: invalid regex '(a)\\1': invalid escape sequence");
    }

    @ParameterizedTest
    @CsvSource({
        "OVERRIDE_LABEL, the label",
        "ROUTE, the queue",
        "DROP, the reason",
    })
    void rejectsMissingActionArg(String action, String what) {
        assertRejected(
                rule("r1", "KEYWORD", "x", action, null),
                "rule r1: action " + action + " needs an action_arg (" + what + ")");
        assertRejected(
                rule("r1", "KEYWORD", "x", action, "  "),
                "rule r1: action " + action + " needs an action_arg (" + what + ")");
    }

    @Test
    void rejectsUnknownAlertSeverity() {
        assertRejected(
                rule("r1", "KEYWORD", "x", "ALERT", "LOUD"),
                "rule r1: unknown alert severity 'LOUD' (expected one of INFO, WARNING, CRITICAL)");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "amount >> 5",
                "amount > ",
                "total > 5",
                "amount > five",
                "amount > 5 dollars",
                "amount > -5",
                "amount > 5 k k",
            })
    void rejectsBadThresholdSyntax(String expression) {
        assertRejected(
                rule("r1", "AMOUNT_THRESHOLD", expression, "FORCE_REVIEW", null),
                "rule r1: invalid AMOUNT_THRESHOLD expression '"
                        + expression
                        + "': expected 'amount <op> <number>[k|m|bn] [CURRENCY]' with <op> one of"
                        + " >, >=, <, <=, ==, !=");
    }

    @Test
    void rejectsUnknownCurrency() {
        assertRejected(
                rule("r1", "AMOUNT_THRESHOLD", "amount > 5 XYZ", "FORCE_REVIEW", null),
                "rule r1: unknown currency 'XYZ' in AMOUNT_THRESHOLD expression (known: AUD, BRL,"
                        + " CAD, CHF, CNY, DKK, EUR, GBP, HKD, INR, JPY, KRW, MXN, NOK, NZD, PLN,"
                        + " SEK, SGD, USD, ZAR)");
    }

    @Test
    void rejectsBlankIdAndExpression() {
        assertRejected(rule(" ", "KEYWORD", "x", "DROP", "y"), "rule id must not be blank");
        assertRejected(
                rule("r1", "KEYWORD", "  ", "DROP", "y"), "rule r1: expression must not be blank");
    }

    @Test
    void rejectsEmptyKeyword() {
        assertRejected(
                rule("r1", "KEYWORD", "refund,,chargeback", "DROP", "y"),
                "rule r1: KEYWORD expression has an empty entry: 'refund,,chargeback'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "source",
                "source ==",
                "tier in ()",
                "tier in (gold,,platinum)",
                "== x",
                "tier in gold",
                "tier in ('gold)"
            })
    void rejectsBadMetadataExpression(String expression) {
        assertRejected(
                rule("r1", "METADATA_MATCH", expression, "DROP", "y"),
                "rule r1: invalid METADATA_MATCH expression '"
                        + expression
                        + "': expected '<key> == <value>', '<key> != <value>', '<key> in (<v1>,"
                        + " <v2>, ...)' or '<key> not in (<v1>, <v2>, ...)'");
    }

    @Test
    void rejectsBadLabelConfidenceClause() {
        assertRejected(
                rule("r1", "LABEL_CONFIDENCE", "label == negative && score > 0.5", "DROP", "y"),
                "rule r1: invalid LABEL_CONFIDENCE clause 'score > 0.5': expected 'label =="
                        + " <label>', 'label != <label>', 'label in (<l1>, ...)', 'label not in"
                        + " (<l1>, ...)' or 'confidence <op> <number in [0, 1]>' with <op> one of"
                        + " >, >=, <, <=, ==, !=");
        assertRejected(
                rule("r2", "LABEL_CONFIDENCE", "label == negative &&", "DROP", "y"),
                "rule r2: invalid LABEL_CONFIDENCE clause '': expected 'label =="
                        + " <label>', 'label != <label>', 'label in (<l1>, ...)', 'label not in"
                        + " (<l1>, ...)' or 'confidence <op> <number in [0, 1]>' with <op> one of"
                        + " >, >=, <, <=, ==, !=");
    }

    @Test
    void rejectsConfidenceOutsideUnitInterval() {
        assertRejected(
                rule("r1", "LABEL_CONFIDENCE", "confidence >= 1.5", "DROP", "y"),
                "rule r1: confidence bound 1.5 is outside [0, 1]");
    }

    @Test
    void keywordMatchesWholeWordsAndPhrasesCaseInsensitive() throws Exception {
        CompiledRule rule =
                compile(rule("k", "KEYWORD", "refund, charge back ,c++", "FORCE_REVIEW", null));
        assertThat(rule.matches(scored("1", "I want a REFUND.", "neg", 0.99))).isTrue();
        assertThat(rule.matches(scored("2", "Refund", "neg", 0.99))).isTrue();
        assertThat(rule.matches(scored("3", "please charge\n  back now", "neg", 0.99))).isTrue();
        assertThat(rule.matches(scored("4", "I code in c++ daily", "neg", 0.99))).isTrue();
        assertThat(rule.matches(scored("5", "refunds are slow", "neg", 0.99))).isFalse();
        assertThat(rule.matches(scored("6", "nonrefund policy", "neg", 0.99))).isFalse();
        assertThat(rule.matches(scored("7", "refund_policy", "neg", 0.99))).isFalse();
        assertThat(rule.matches(scored("8", "chargeback", "neg", 0.99))).isFalse();
        assertThat(rule.matches(scored("9", "rückrefund", "neg", 0.99))).isFalse();
        assertThat(((KeywordCondition) rule.condition()).keywords())
                .containsExactly("refund", "charge back", "c++");
    }

    @Test
    void keywordQuotesRegexCharacters() throws Exception {
        CompiledRule rule = compile(rule("k", "KEYWORD", "a.b, (x", "FORCE_REVIEW", null));
        assertThat(rule.matches(scored("1", "see a.b here", "neg", 0.99))).isTrue();
        assertThat(rule.matches(scored("2", "see axb here", "neg", 0.99))).isFalse();
        assertThat(rule.matches(scored("3", "open (x now", "neg", 0.99))).isTrue();
    }

    @Test
    void regexFindsAnywhereWithInlineFlags() throws Exception {
        CompiledRule rule =
                compile(rule("r", "REGEX", "(?i)order\\s+#?\\d{5}", "FORCE_REVIEW", null));
        assertThat(rule.matches(scored("1", "about ORDER #12345 again", "neg", 0.99))).isTrue();
        assertThat(rule.matches(scored("2", "about order 12", "neg", 0.99))).isFalse();
    }

    @Test
    void amountThresholdComparesExtractedAmounts() throws Exception {
        CompiledRule rule =
                compile(rule("a", "AMOUNT_THRESHOLD", "amount > 10,000", "FORCE_REVIEW", null));
        assertThat(rule.matches(scored("1", "charged $12,500.00 twice", "neg", 0.99))).isTrue();
        assertThat(rule.matches(scored("2", "charged $9,999.99", "neg", 0.99))).isFalse();
        assertThat(rule.matches(scored("3", "order 123456 delayed", "neg", 0.99))).isFalse();
        assertThat(rule.matches(scored("4", "it was EUR 3.2k then $20k", "neg", 0.99))).isTrue();
        ScoredEvent withMetadata =
                scored("5", "no amount here", "neg", 0.99, "web", Map.of("amount", "15000"));
        assertThat(rule.matches(withMetadata)).isTrue();
    }

    @Test
    void amountThresholdParsesMultipliersOperatorsAndCurrency() throws Exception {
        AmountThresholdCondition condition =
                (AmountThresholdCondition)
                        compile(rule("a", "AMOUNT_THRESHOLD", " Amount>=2.5k eur ", "DROP", "x"))
                                .condition();
        assertThat(condition.comparison()).isEqualTo(Comparison.GE);
        assertThat(condition.limit()).isEqualByComparingTo(new BigDecimal("2500"));
        assertThat(condition.currency()).isEqualTo("EUR");
        assertThat(condition.matches(input(scored("1", "paid EUR 2,500", "neg", 0.99)))).isTrue();
        assertThat(condition.matches(input(scored("2", "paid $3,000", "neg", 0.99)))).isFalse();
        assertThat(condition.matches(input(scored("3", "paid 2499.99 EUR", "neg", 0.99))))
                .isFalse();

        AmountThresholdCondition millions =
                (AmountThresholdCondition)
                        compile(rule("m", "AMOUNT_THRESHOLD", "amount < 1 million", "DROP", "x"))
                                .condition();
        assertThat(millions.limit()).isEqualByComparingTo(new BigDecimal("1000000"));
        assertThat(millions.comparison()).isEqualTo(Comparison.LT);
        assertThat(millions.currency()).isNull();
    }

    @Test
    void metadataMatchesSourceAndMetadataCaseInsensitive() throws Exception {
        CompiledRule twitter =
                compile(rule("s", "METADATA_MATCH", "source == Twitter", "DROP", "x"));
        assertThat(twitter.matches(scored("1", "t", "neg", 0.9, "twitter", Map.of()))).isTrue();
        assertThat(twitter.matches(scored("2", "t", "neg", 0.9, "email", Map.of()))).isFalse();

        CompiledRule tier =
                compile(rule("t", "METADATA_MATCH", "tier in (gold, 'plat inum')", "DROP", "x"));
        assertThat(tier.matches(scored("3", "t", "neg", 0.9, "web", Map.of("tier", "GOLD"))))
                .isTrue();
        assertThat(tier.matches(scored("4", "t", "neg", 0.9, "web", Map.of("tier", "plat inum"))))
                .isTrue();
        assertThat(tier.matches(scored("5", "t", "neg", 0.9, "web", Map.of("tier", "silver"))))
                .isFalse();
        assertThat(tier.matches(scored("6", "t", "neg", 0.9, "web", Map.of()))).isFalse();

        CompiledRule notEnglish = compile(rule("l", "METADATA_MATCH", "lang != en", "DROP", "x"));
        assertThat(notEnglish.matches(scored("7", "t", "neg", 0.9, "web", Map.of("lang", "de"))))
                .isTrue();
        assertThat(notEnglish.matches(scored("8", "t", "neg", 0.9, "web", Map.of()))).isTrue();
        assertThat(notEnglish.matches(scored("9", "t", "neg", 0.9, "web", Map.of("lang", "en"))))
                .isFalse();

        CompiledRule notIn =
                compile(rule("n", "METADATA_MATCH", "metadata.source NOT IN (crm)", "DROP", "x"));
        MetadataMatchCondition condition = (MetadataMatchCondition) notIn.condition();
        assertThat(condition.matchesSource()).isFalse();
        assertThat(condition.key()).isEqualTo("source");
        assertThat(condition.negated()).isTrue();
        assertThat(notIn.matches(scored("10", "t", "neg", 0.9, "crm", Map.of("source", "crm"))))
                .isFalse();
        assertThat(notIn.matches(scored("11", "t", "neg", 0.9, "crm", Map.of("source", "app"))))
                .isTrue();
    }

    @Test
    void labelConfidenceCombinesClauses() throws Exception {
        CompiledRule rule =
                compile(
                        rule(
                                "lc",
                                "LABEL_CONFIDENCE",
                                "label == negative && confidence >= 0.95",
                                "FORCE_REVIEW",
                                null));
        assertThat(rule.matches(scored("1", "t", "negative", 0.95))).isTrue();
        assertThat(rule.matches(scored("2", "t", "Negative", 0.99))).isTrue();
        assertThat(rule.matches(scored("3", "t", "negative", 0.94))).isFalse();
        assertThat(rule.matches(scored("4", "t", "positive", 0.99))).isFalse();
        assertThat(rule.matches(scored("5", "t", "negative", Double.NaN))).isFalse();

        CompiledRule in =
                compile(rule("in", "LABEL_CONFIDENCE", "label not in (spam, ham)", "DROP", "x"));
        assertThat(in.matches(scored("6", "t", "spam", 0.5))).isFalse();
        assertThat(in.matches(scored("7", "t", "eggs", 0.5))).isTrue();
        assertThat(((LabelConfidenceCondition) in.condition()).clauseCount()).isEqualTo(1);

        CompiledRule low = compile(rule("lo", "LABEL_CONFIDENCE", "confidence < .5", "DROP", "x"));
        assertThat(low.matches(scored("8", "t", "x", 0.49))).isTrue();
        assertThat(low.matches(scored("9", "t", "x", 0.5))).isFalse();
    }
}
