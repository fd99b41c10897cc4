package io.nlpstream.serving.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Groups items of similar length into batches so that little padding is run through the model. */
public final class LengthBuckets {
    private LengthBuckets() {}

    /**
     * Indices of {@code lengths} sorted by length (stable) and cut into batches of at most {@code
     * maxBatch}; callers write results back by index, so input order is kept.
     */
    public static List<int[]> plan(int[] lengths, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        int[] order =
                IntStream.range(0, lengths.length)
                        .boxed()
                        .sorted(Comparator.comparingInt(i -> lengths[i]))
                        .mapToInt(Integer::intValue)
                        .toArray();
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += maxBatch) {
            int end = Math.min(order.length, start + maxBatch);
            int[] batch = new int[end - start];
            System.arraycopy(order, start, batch, 0, batch.length);
            batches.add(batch);
        }
        return batches;
    }
}
