package io.nlpstream.operators.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.nlpstream.schemas.TextEvent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountExtractorTest {

    private static MoneyAmount amount(String value, String currency) {
        return new MoneyAmount(new BigDecimal(value), currency);
    }

    private static void assertAmounts(List<MoneyAmount> actual, MoneyAmount... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i).value()).isEqualByComparingTo(expected[i].value());
            assertThat(actual.get(i).currency()).isEqualTo(expected[i].currency());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "charged $12,500.00 today | 12500 | USD",
                "it cost 12500 USD | 12500 | USD",
                "about EUR 3.2k in fees | 3200 | EUR",
                "€40 only | 40 | EUR",
                "a £1,000,000 house | 1000000 | GBP",
                "¥500 | 500 | JPY",
                "$1.5m deal | 1500000 | USD",
                "raised 2 bn usd | 2000000000 | USD",
                "usd 7 | 7 | USD",
                "a 3 million CHF fine | 3000000 | CHF",
                "paid 99.5EUR | 99.5 | EUR",
            })
    void findsOneAmountWithItsCurrency(String text, String value, String currency) {
        assertAmounts(AmountExtractor.fromText(text), amount(value, currency));
    }

    @Test
    void findsEveryAmountInOrder() {
        assertAmounts(
                AmountExtractor.fromText("between $5 and 10 EUR, not 42 apples"),
                amount("5", "USD"),
                amount("10", "EUR"));
    }

    @Test
    void ignoresNumbersWithoutCurrency() {
        assertThat(AmountExtractor.fromText("order 123456 shipped 3 days late, 2k views"))
                .isEmpty();
        assertThat(AmountExtractor.fromText("")).isEmpty();
        assertThat(AmountExtractor.fromText(null)).isEmpty();
    }

    @Test
    void doesNotTakeAWordForAMultiplier() {
        // "kg" is not "k": the amount stays 3 (and needs its currency).
        assertAmounts(AmountExtractor.fromText("EUR 3kg of apples"), amount("3", "EUR"));
    }

    @Test
    void readsMetadataAmountWithOrWithoutCurrency() {
        assertThat(AmountExtractor.parseAmount("12500", null)).isEqualTo(amount("12500", null));
        assertThat(AmountExtractor.parseAmount(" 12,500.00 EUR ", "USD").currency())
                .isEqualTo("EUR");
        assertThat(AmountExtractor.parseAmount("$3.2k", null).value()).isEqualByComparingTo("3200");
        assertThat(AmountExtractor.parseAmount("12500", "gbp").currency()).isEqualTo("GBP");
        assertThat(AmountExtractor.parseAmount("twelve", null)).isNull();
        assertThat(AmountExtractor.parseAmount("12 and 13", null)).isNull();
        assertThat(AmountExtractor.parseAmount(null, "USD")).isNull();
    }

    @Test
    void extractsFromTextThenMetadata() {
        TextEvent event =
                TextEvent.newBuilder()
                        .setId("1")
                        .setText("refund $20 please")
                        .setEventTime(0L)
                        .setMetadata(Map.of("amount", "1,000", "currency", "EUR"))
                        .build();
        assertAmounts(AmountExtractor.extract(event), amount("20", "USD"), amount("1000", "EUR"));
    }

    @Test
    void findsEveryAmountOfALongText() {
        String text = "$1 ".repeat(20_000);
        assertThat(AmountExtractor.fromText(text)).hasSize(20_000);
    }
}
