package io.nlpstream.operators.spikes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;

/** Seeded synthetic series for the detector's tests. */
final class SyntheticSeries {
    static final long HOUR = 3_600_000L;

    /** Monday 2024-01-01T00:00Z, so day-of-week and hour-of-day are easy to read. */
    static final long START = 1_704_067_200_000L;

    private SyntheticSeries() {}

    /** Hourly Poisson counts whose mean for window i is {@code mean.applyAsDouble(i)}. */
    static List<SeriesObservation> poissonCounts(
            String key, int windows, long seed, LongToDoubleFunction mean) {
        Well19937c random = new Well19937c(seed);
        List<SeriesObservation> series = new ArrayList<>(windows);
        for (int i = 0; i < windows; i++) {
            double lambda = mean.applyAsDouble(i);
            long count =
                    lambda <= 0
                            ? 0
                            : new PoissonDistribution(
                                            random,
                                            lambda,
                                            PoissonDistribution.DEFAULT_EPSILON,
                                            PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                                    .sample();
            series.add(
                    SeriesObservation.count(
                            key, start(i), start(i) + HOUR, count, List.of("text " + i)));
        }
        return series;
    }

    static long start(long window) {
        return START + window * HOUR;
    }

    /** The events of one run of a fresh detector over the series. */
    static List<SpikeEvent> run(SpikeDetectorConfig config, List<SeriesObservation> series) {
        KeyedSpikeDetector detector = new KeyedSpikeDetector(config);
        List<SpikeEvent> events = new ArrayList<>();
        for (SeriesObservation window : series) {
            events.addAll(detector.observe(window));
        }
        return events;
    }
}
