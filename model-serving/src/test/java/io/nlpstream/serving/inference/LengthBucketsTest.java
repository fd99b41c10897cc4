package io.nlpstream.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {

    @Test
    void sortsByLengthAndCutsIntoBatches() {
        int[] lengths = {30, 5, 12, 5, 40, 7, 12};
        List<int[]> batches = LengthBuckets.plan(lengths, 3);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0)).containsExactly(1, 3, 5);
        assertThat(batches.get(1)).containsExactly(2, 6, 0);
        assertThat(batches.get(2)).containsExactly(4);
    }

    @Test
    void everyIndexAppearsExactlyOnce() {
        int[] lengths = IntStream.range(0, 101).map(i -> (i * 37) % 23).toArray();
        int[] all =
                LengthBuckets.plan(lengths, 8).stream()
                        .flatMapToInt(IntStream::of)
                        .sorted()
                        .toArray();
        assertThat(all).containsExactly(IntStream.range(0, 101).toArray());
    }
}
