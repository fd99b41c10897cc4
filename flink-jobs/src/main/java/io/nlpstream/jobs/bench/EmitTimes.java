package io.nlpstream.jobs.bench;

import java.util.Arrays;

/** The emit times of a phase's outcomes and the steady-state throughput they show. */
final class EmitTimes {
    private long[] times = new long[1024];
    private int count;

    synchronized void add(long emitMillis) {
        if (count == times.length) {
            times = Arrays.copyOf(times, times.length * 2);
        }
        times[count++] = emitMillis;
    }

    synchronized int count() {
        return count;
    }

    /** Milliseconds from the first to the last emit, 0 before two outcomes. */
    synchronized long spanMillis() {
        if (count < 2) {
            return 0;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, times[i]);
            max = Math.max(max, times[i]);
        }
        return max - min;
    }

    /**
     * Outcomes per second emitted after the first {@code warmupMillis} of output, up to the last
     * emit; over the whole span when the output is shorter than the warm-up.
     */
    synchronized Window steadyState(long warmupMillis) {
        if (count < 2) {
            return new Window(count, 0, 0);
        }
        long[] sorted = Arrays.copyOf(times, count);
        Arrays.sort(sorted);
        long first = sorted[0];
        long last = sorted[count - 1];
        long start = first + warmupMillis;
        if (start >= last) {
            start = first;
        }
        int from = 0;
        while (from < count && sorted[from] <= start) {
            from++;
        }
        long measured = count - from;
        double seconds = (last - start) / 1000.0;
        return new Window(measured, seconds, seconds > 0 ? measured / seconds : 0);
    }

    /** Outcomes counted in a window, its length and their rate. */
    record Window(long outcomes, double seconds, double perSecond) {}
}
