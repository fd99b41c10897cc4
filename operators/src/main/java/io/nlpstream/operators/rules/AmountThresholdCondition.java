package io.nlpstream.operators.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.Locale;

/** Matches when any money amount of the record compares true against a limit. */
public final class AmountThresholdCondition implements RuleCondition {
    static final String SYNTAX =
            "expected 'amount <op> <number>[k|m|bn] [CURRENCY]' with <op> one of "
                    + Comparison.SYMBOLS;

    // Groups: 1 operator, 2 integer part, 3 decimals, 4 multiplier, 5 currency.
    private static final Pattern EXPRESSION =
            Pattern.compile(
                    "^\\s*amount\\s*(>=|<=|==|!=|>|<)\\s*"
                            + AmountExtractor.NUMBER
                            + "(?:\\s*"
                            + AmountExtractor.MULTIPLIER
                            + ")?(?:\\s+([A-Za-z]{3}))?\\s*$",
                    Pattern.CASE_INSENSITIVE);

    private final Comparison comparison;
    private final BigDecimal limit;
    private final String currency;

    AmountThresholdCondition(Comparison comparison, BigDecimal limit, String currency) {
        this.comparison = comparison;
        this.limit = limit;
        this.currency = currency;
    }

    /** Compiles {@code expression}, e.g. {@code amount > 10000} or {@code amount >= 2.5k EUR}. */
    static AmountThresholdCondition compile(String ruleId, String expression)
            throws InvalidRuleException {
        Matcher m = EXPRESSION.matcher(expression);
        if (!m.matches()) {
            throw new InvalidRuleException(
                    ruleId,
                    "rule "
                            + ruleId
                            + ": invalid AMOUNT_THRESHOLD expression '"
                            + expression
                            + "': "
                            + SYNTAX);
        }
        Comparison comparison =
                Comparison.ofSymbol(m.group(1))
                        .orElseThrow(() -> new IllegalStateException("operator " + m.group(1)));
        BigDecimal limit = AmountExtractor.value(m.group(2), m.group(3), m.group(4));
        String currency = null;
        if (m.group(5) != null) {
            currency = m.group(5).toUpperCase(Locale.ROOT);
            if (!AmountExtractor.CURRENCY_CODES.contains(currency)) {
                throw new InvalidRuleException(
                        ruleId,
                        "rule "
                                + ruleId
                                + ": unknown currency '"
                                + m.group(5)
                                + "' in AMOUNT_THRESHOLD expression (known: "
                                + String.join(", ", AmountExtractor.CURRENCY_CODES)
                                + ")");
            }
        }
        return new AmountThresholdCondition(comparison, limit, currency);
    }

    @Override
    public boolean matches(RuleInput input) {
        for (MoneyAmount amount : input.amounts()) {
            if (currency != null && !currency.equals(amount.currency())) {
                continue;
            }
            if (comparison.holds(amount.value().compareTo(limit))) {
                return true;
            }
        }
        return false;
    }

    public Comparison comparison() {
        return comparison;
    }

    public BigDecimal limit() {
        return limit;
    }

    /** The currency amounts must be in, or null for any. */
    public String currency() {
        return currency;
    }

    @Override
    public String toString() {
        return "amount "
                + comparison.symbol()
                + " "
                + limit.toPlainString()
                + (currency == null ? "" : " " + currency);
    }
}
