package io.nlpstream.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchDataTest {

    @Test
    void cutsALongTextToItsFirstCharacters() {
        assertThat(BenchData.cut("abcdefghij", 4)).isEqualTo("abcd");
        assertThat(BenchData.cut("abc", 4)).isEqualTo("abc");
    }

    @Test
    void neverLeavesHalfASurrogatePairAtTheCut() {
        String text = "abc\uD83D\uDE00def"; // an emoji at indices 3 and 4

        assertThat(BenchData.cut(text, 4)).isEqualTo("abc");
        assertThat(BenchData.cut(text, 5)).isEqualTo("abc\uD83D\uDE00");
    }
}
