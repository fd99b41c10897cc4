package io.nlpstream.serving.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nlpstream.serving.InvalidTextException;
import io.nlpstream.serving.InvalidTextException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t  \r\n", "\u2003"})
    void emptyAndWhitespaceOnlyAreEmpty(String text) {
        assertThatThrownBy(() -> TextValidator.check(text))
                .isInstanceOfSatisfying(
                        InvalidTextException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
    }

    @Test
    void nullIsEmpty() {
        assertThatThrownBy(() -> TextValidator.check(null))
                .isInstanceOfSatisfying(
                        InvalidTextException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bad \uD800 high",
                "bad \uDC00 low",
                "ends high \uD83D",
                "nul \u0000 char",
                "bell \u0007",
                "c1 \u0085",
                "\uFFFF"
            })
    void brokenCharactersAreInvalid(String text) {
        assertThatThrownBy(() -> TextValidator.check(text))
                .isInstanceOfSatisfying(
                        InvalidTextException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CHARACTERS));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain",
                "tabs\tand\nnewlines\r\n",
                "emoji \uD83D\uDE00 ok",
                "Ünïcödé – “quotes”"
            })
    void ordinaryTextPasses(String text) {
        assertThatCode(() -> TextValidator.check(text)).doesNotThrowAnyException();
    }
}
