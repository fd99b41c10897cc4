package io.nlpstream.operators.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.nlpstream.schemas.TextEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Finds the money amounts of a record in its text and its {@code amount} metadata entry. */
public final class AmountExtractor {
    public static final String AMOUNT_KEY = "amount";
    public static final String CURRENCY_KEY = "currency";

    /** The currency codes recognised in text and in rule expressions. */
    public static final List<String> CURRENCY_CODES =
            List.of(
                    "AUD", "BRL", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "HKD", "INR", "JPY",
                    "KRW", "MXN", "NOK", "NZD", "PLN", "SEK", "SGD", "USD", "ZAR");

    private static final Map<String, String> SYMBOLS =
            Map.of("$", "USD", "€", "EUR", "£", "GBP", "¥", "JPY");

    private static final String CODE = "(" + String.join("|", CURRENCY_CODES) + ")";
    static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?";
    static final String MULTIPLIER = "(k|m|bn|thousand|million|billion)";
    // Groups: 1 symbol, 2 code before, 3 integer part, 4 decimals, 5 multiplier, 6 code after.
    private static final Pattern AMOUNT =
            Pattern.compile(
                    "(?:([$€£¥])\\s?|\\b"
                            + CODE
                            + "\\s?)?"
                            + NUMBER
                            + "(?:\\s?"
                            + MULTIPLIER
                            + "\\b)?(?:\\s?"
                            + CODE
                            + "\\b)?",
                    Pattern.CASE_INSENSITIVE);

    private AmountExtractor() {}

    /** Every amount of the event: those in its text, then the metadata one if any. */
    public static List<MoneyAmount> extract(TextEvent event) {
        return extract(event.getText(), event.getMetadata());
    }

    /** Every amount in {@code text}, then the one of {@code metadata} if any. */
    public static List<MoneyAmount> extract(String text, Map<String, String> metadata) {
        List<MoneyAmount> amounts = fromText(text);
        if (metadata != null) {
            MoneyAmount fromMetadata =
                    parseAmount(metadata.get(AMOUNT_KEY), metadata.get(CURRENCY_KEY));
            if (fromMetadata != null) {
                amounts.add(fromMetadata);
            }
        }
        return amounts;
    }

    /**
     * The amounts with a currency marker before or after them in {@code text}, in order: {@code
     * $12,500.00}, {@code 12500 USD}, {@code EUR 3.2k}. A bare number is not an amount.
     */
    public static List<MoneyAmount> fromText(String text) {
        List<MoneyAmount> amounts = new ArrayList<>();
        if (text == null) {
            return amounts;
        }
        Matcher m = AMOUNT.matcher(text);
        while (m.find()) {
            String currency = currency(m);
            if (currency != null) {
                amounts.add(new MoneyAmount(value(m.group(3), m.group(4), m.group(5)), currency));
            }
        }
        return amounts;
    }

    /**
     * A metadata value read as one amount, its currency from the value or else {@code
     * defaultCurrency}; null when the value is absent or not an amount.
     */
    public static MoneyAmount parseAmount(String raw, String defaultCurrency) {
        if (raw == null) {
            return null;
        }
        Matcher m = AMOUNT.matcher(raw.trim());
        if (!m.matches()) {
            return null;
        }
        String currency = currency(m);
        if (currency == null && defaultCurrency != null && !defaultCurrency.isBlank()) {
            currency = normalizeCurrency(defaultCurrency.trim());
        }
        return new MoneyAmount(value(m.group(3), m.group(4), m.group(5)), currency);
    }

    /** A number as a rule expression writes it: integer part, decimals, multiplier (nullable). */
    static BigDecimal value(String integerPart, String decimals, String multiplier) {
        String digits = integerPart.replace(",", "");
        BigDecimal value = new BigDecimal(decimals == null ? digits : digits + "." + decimals);
        if (multiplier == null) {
            return value;
        }
        switch (multiplier.toLowerCase(Locale.ROOT)) {
            case "k":
            case "thousand":
                return value.scaleByPowerOfTen(3);
            case "m":
            case "million":
                return value.scaleByPowerOfTen(6);
            case "bn":
            case "billion":
                return value.scaleByPowerOfTen(9);
            default:
                throw new IllegalArgumentException("unknown multiplier '" + multiplier + "'");
        }
    }

    /** The ISO code of a symbol or a code in any case, or null when it is neither. */
    static String normalizeCurrency(String currency) {
        String code = SYMBOLS.get(currency);
        if (code != null) {
            return code;
        }
        String upper = currency.toUpperCase(Locale.ROOT);
        return CURRENCY_CODES.contains(upper) ? upper : null;
    }

    private static String currency(Matcher m) {
        for (int group : new int[] {1, 2, 6}) {
            String marker = m.group(group);
            if (marker != null) {
                return normalizeCurrency(marker);
            }
        }
        return null;
    }
}
