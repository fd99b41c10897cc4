package io.nlpstream.drift.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPolicyTest {

    @Test
    void countWindowKeepsTheNewest() {
        List<Long> entries = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L));
        int dropped = WindowPolicy.count(3).evict(entries, x -> x, 5L);
        assertThat(dropped).isEqualTo(2);
        assertThat(entries).containsExactly(3L, 4L, 5L);
    }

    @Test
    void timeWindowDropsEntriesOlderThanTheNewestMinusTheAge() {
        List<Long> entries = new ArrayList<>(List.of(100L, 150L, 200L, 260L, 300L));
        WindowPolicy policy = WindowPolicy.time(100L, 1000);
        policy.evict(entries, x -> x, 300L);
        assertThat(entries).containsExactly(200L, 260L, 300L);
    }

    @Test
    void timeWindowIsAlsoCappedByCount() {
        List<Long> entries = new ArrayList<>(List.of(1L, 2L, 3L, 4L));
        WindowPolicy.time(1000L, 2).evict(entries, x -> x, 4L);
        assertThat(entries).containsExactly(3L, 4L);
    }

    @Test
    void validates() {
        assertThatThrownBy(() -> WindowPolicy.count(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCount must be at least 1, got 0");
        assertThatThrownBy(() -> WindowPolicy.time(0L, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a time window needs maxAgeMillis >= 1, got 0");
    }
}
