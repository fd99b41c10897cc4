package io.nlpstream.serving.inference;

import io.nlpstream.serving.RunShape;
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

    /** The runs {@link #plan} makes of windows of these lengths, and the tokens they carry. */
    public static RunShape shape(int[] lengths, int maxBatch) {
        long real = 0;
        long padded = 0;
        List<int[]> runs = plan(lengths, maxBatch);
        for (int[] run : runs) {
            int longest = 0;
            for (int index : run) {
                real += lengths[index];
                longest = Math.max(longest, lengths[index]);
            }
            padded += (long) longest * run.length;
        }
        return new RunShape(runs.size(), real, padded);
    }
}
