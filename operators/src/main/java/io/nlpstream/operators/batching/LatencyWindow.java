package io.nlpstream.operators.batching;

import java.util.Arrays;

/** The latencies of the last texts, for a running p99. */
final class LatencyWindow {
    private final long[] values;
    private int size;
    private int next;

    LatencyWindow(int capacity) {
        values = new long[capacity];
    }

    void add(long millis) {
        values[next] = millis;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    /** The quantile (0-1) of the texts seen last; NaN before the first. */
    double quantile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))];
    }

    int size() {
        return size;
    }
}
