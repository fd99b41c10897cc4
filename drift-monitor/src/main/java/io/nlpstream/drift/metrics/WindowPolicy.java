package io.nlpstream.drift.metrics;

import java.io.Serializable;
import java.util.List;
import java.util.function.ToLongFunction;

/** Sliding-window bounds: at most a count of entries and at most an age behind the newest entry. */
public final class WindowPolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int maxCount;
    private final long maxAgeMillis;

    /**
     * @param maxCount most entries kept, at least 1
     * @param maxAgeMillis entries older than the newest time seen minus this go; 0 means no age
     *     limit
     */
    public WindowPolicy(int maxCount, long maxAgeMillis) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount must be at least 1, got " + maxCount);
        }
        if (maxAgeMillis < 0) {
            throw new IllegalArgumentException(
                    "maxAgeMillis must not be negative, got " + maxAgeMillis);
        }
        this.maxCount = maxCount;
        this.maxAgeMillis = maxAgeMillis;
    }

    /** A count-based window. */
    public static WindowPolicy count(int maxCount) {
        return new WindowPolicy(maxCount, 0L);
    }

    /** A time-based window (with a count cap to bound memory). */
    public static WindowPolicy time(long maxAgeMillis, int maxCount) {
        if (maxAgeMillis < 1) {
            throw new IllegalArgumentException(
                    "a time window needs maxAgeMillis >= 1, got " + maxAgeMillis);
        }
        return new WindowPolicy(maxCount, maxAgeMillis);
    }

    public int maxCount() {
        return maxCount;
    }

    public long maxAgeMillis() {
        return maxAgeMillis;
    }

    /**
     * Removes the oldest entries of an insertion-ordered list until it fits the window.
     *
     * @param newestTime the largest time seen so far in this window
     * @return how many entries were removed
     */
    public <T> int evict(List<T> entries, ToLongFunction<T> time, long newestTime) {
        int drop = Math.max(0, entries.size() - maxCount);
        if (maxAgeMillis > 0) {
            long oldestAllowed = newestTime - maxAgeMillis;
            while (drop < entries.size() && time.applyAsLong(entries.get(drop)) < oldestAllowed) {
                drop++;
            }
        }
        if (drop > 0) {
            entries.subList(0, drop).clear();
        }
        return drop;
    }
}
