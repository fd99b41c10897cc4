package io.nlpstream.operators.rules;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A money amount found in a record.
 *
 * @param value the amount, multipliers applied ({@code 3.2k} is 3200)
 * @param currency ISO code such as {@code USD}, or null when the record did not say
 */
public record MoneyAmount(BigDecimal value, String currency) {
    public MoneyAmount {
        Objects.requireNonNull(value, "value must not be null");
    }
}
