package io.nlpstream.operators.spikes;

import java.util.List;
import java.util.Objects;

/**
 * One closed window of one key's series: a count, or a share ({@code successes} out of {@code
 * trials}), with up to three example texts from the window.
 *
 * @param value the count, or the successes of a share
 * @param trials the share's denominator; 0 for a count
 */
public record SeriesObservation(
        String key,
        SeriesKind kind,
        long windowStart,
        long windowEnd,
        double value,
        long trials,
        List<String> examples) {

    /** The most example texts an observation (and so an alert) keeps. */
    public static final int MAX_EXAMPLES = 3;

    public SeriesObservation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        if (windowEnd <= windowStart) {
            throw new IllegalArgumentException(
                    "windowEnd must be after windowStart, was " + windowStart + ".." + windowEnd);
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("value must be a finite number >= 0, was " + value);
        }
        if (kind == SeriesKind.PROPORTION && value > trials) {
            throw new IllegalArgumentException(
                    "successes must not exceed trials, was " + value + " of " + trials);
        }
        examples =
                examples == null
                        ? List.of()
                        : List.copyOf(examples.subList(0, Math.min(MAX_EXAMPLES, examples.size())));
    }

    /** A window's event count. */
    public static SeriesObservation count(
            String key, long windowStart, long windowEnd, double count, List<String> examples) {
        return new SeriesObservation(
                key, SeriesKind.COUNT, windowStart, windowEnd, count, 0, examples);
    }

    /** A window's share: {@code successes} of {@code trials} items (e.g. negative of all). */
    public static SeriesObservation proportion(
            String key,
            long windowStart,
            long windowEnd,
            long successes,
            long trials,
            List<String> examples) {
        return new SeriesObservation(
                key, SeriesKind.PROPORTION, windowStart, windowEnd, successes, trials, examples);
    }

    /** The observed value in the series' unit: the count, or the share (0 when no trials). */
    public double observed() {
        if (kind == SeriesKind.COUNT) {
            return value;
        }
        return trials == 0 ? 0 : value / trials;
    }
}
