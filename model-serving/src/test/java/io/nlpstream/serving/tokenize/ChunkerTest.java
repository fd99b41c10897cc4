package io.nlpstream.serving.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static final long CLS = 101;
    private static final long SEP = 102;
    private final Chunker chunker = new Chunker(new long[] {CLS}, new long[] {SEP}, 10, 2);

    @Test
    void shortTextIsOneWrappedWindow() {
        List<TokenWindow> windows = chunker.split(3, new long[] {1, 2, 3});
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).textIndex()).isEqualTo(3);
        assertThat(windows.get(0).ids()).containsExactly(CLS, 1, 2, 3, SEP);
    }

    @Test
    void longTextIsSplitIntoOverlappingWindowsCoveringEveryToken() {
        long[] ids = LongStream.rangeClosed(1, 20).toArray();
        List<TokenWindow> windows = chunker.split(0, ids);
        // 8 content tokens per window, step 6: [1-8] [7-14] [13-20]
        assertThat(windows).hasSize(3).hasSize(chunker.windowCount(20));
        assertThat(windows.get(0).ids()).containsExactly(CLS, 1, 2, 3, 4, 5, 6, 7, 8, SEP);
        assertThat(windows.get(1).ids()).containsExactly(CLS, 7, 8, 9, 10, 11, 12, 13, 14, SEP);
        assertThat(windows.get(2).ids()).containsExactly(CLS, 13, 14, 15, 16, 17, 18, 19, 20, SEP);
        Set<Long> covered = new LinkedHashSet<>();
        windows.forEach(
                w ->
                        LongStream.of(w.ids())
                                .filter(id -> id != CLS && id != SEP)
                                .forEach(covered::add));
        assertThat(covered).hasSize(20);
        assertThat(windows).allSatisfy(w -> assertThat(w.length()).isLessThanOrEqualTo(10));
    }

    @Test
    void lastWindowIsFullWhenTheTailIsShort() {
        List<TokenWindow> windows = chunker.split(0, LongStream.rangeClosed(1, 9).toArray());
        assertThat(windows).hasSize(2);
        assertThat(windows.get(1).ids()).containsExactly(CLS, 2, 3, 4, 5, 6, 7, 8, 9, SEP);
    }

    @Test
    void rejectsOverlapThatWouldNeverAdvance() {
        assertThatThrownBy(() -> new Chunker(new long[] {CLS}, new long[] {SEP}, 10, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("overlap must be in [0, 8), was 8");
    }
}
