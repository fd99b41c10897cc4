package io.nlpstream.operators.spikes;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * A key's hour-of-day and day-of-week factors, multiplying its deseasonalised level on the
 * stabilised scale. Each factor is the median of the last few days (weeks) of that hour's (day's)
 * ratio to the slow level: one odd day moves no median, a pattern that recurs becomes one. Its
 * memory is bounded: {@code 24 x days + 7 x weeks} ratios per key.
 */
final class Rhythm implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;
    private static final int HOURS = 24;
    private static final int DAYS = 7;

    /** The variance of a median of k normal values is about pi/2 times that of their mean. */
    private static final double MEDIAN_EFFICIENCY = Math.PI / 2;

    private static final double MIN_FACTOR = 0.05;

    private final ZoneId zone;
    private final boolean useHours;
    private final boolean useDays;
    private final int hourMemory;
    private final int dayMemory;
    private final double windowsPerHourBucket;
    private final double windowsPerDayBucket;

    Rhythm(SpikeDetectorConfig config) {
        long windowMs = config.windowMillis();
        this.zone = config.zone();
        this.useHours = windowMs < DAY_MS;
        this.useDays = windowMs < 7 * DAY_MS;
        this.hourMemory = config.hourOfDayMemoryDays();
        this.dayMemory = config.dayOfWeekMemoryWeeks();
        this.windowsPerHourBucket = Math.max(1, (double) HOUR_MS / windowMs);
        this.windowsPerDayBucket = Math.max(1, (double) DAY_MS / windowMs);
    }

    /** Whether the window length leaves a rhythm to learn (windows shorter than a week). */
    boolean applies() {
        return useHours || useDays;
    }

    /** The factor of the window starting at {@code windowStart}: hour's times day's. */
    double factor(SeriesState state, long windowStart) {
        ZonedDateTime local = local(windowStart);
        // floored so that a slot that has been all but empty cannot blow the level up on division
        return Math.max(MIN_FACTOR, hourFactor(state, local) * dayFactor(state, local));
    }

    /**
     * The forecast variance the factors add, relative to one window's noise: each is a median of
     * its memory's buckets, each bucket a mean of its windows.
     */
    double estimateNoise() {
        double hours = useHours ? MEDIAN_EFFICIENCY / (hourMemory * windowsPerHourBucket) : 0;
        double days = useDays ? MEDIAN_EFFICIENCY / (dayMemory * windowsPerDayBucket) : 0;
        return hours + days;
    }

    /**
     * Learns from one window's value {@code y} against the slow level {@code reference}; a ratio
     * enters its slot's memory when its hour (day) is complete.
     */
    void learn(SeriesState state, long windowStart, long windowEnd, double y, double reference) {
        allocate(state);
        ZonedDateTime start = local(windowStart);
        ZonedDateTime end = local(windowEnd);
        if (useHours) {
            state.hourSum += y / (reference * dayFactor(state, start));
            state.hourCount++;
            if (end.getHour() != start.getHour()
                    || !end.toLocalDate().equals(start.toLocalDate())) {
                push(
                        state.hourRatios,
                        state.hourPushes,
                        start.getHour(),
                        hourMemory,
                        state.hourSum / state.hourCount);
                state.hourSum = 0;
                state.hourCount = 0;
            }
        }
        if (useDays) {
            state.daySum += y / (reference * hourFactor(state, start));
            state.dayCount++;
            if (!end.toLocalDate().equals(start.toLocalDate())) {
                push(
                        state.dayRatios,
                        state.dayPushes,
                        dayIndex(start),
                        dayMemory,
                        state.daySum / state.dayCount);
                state.daySum = 0;
                state.dayCount = 0;
            }
        }
    }

    private double hourFactor(SeriesState state, ZonedDateTime local) {
        return useHours ? normalised(state.hourRatios, hourMemory, HOURS, local.getHour()) : 1;
    }

    private double dayFactor(SeriesState state, ZonedDateTime local) {
        return useDays ? normalised(state.dayRatios, dayMemory, DAYS, dayIndex(local)) : 1;
    }

    /** The slot's median over the mean of all known slots' medians; 1 while the slot is unknown. */
    private static double normalised(double[] ratios, int memory, int slots, int slot) {
        if (ratios == null) {
            return 1;
        }
        double own = median(ratios, slot * memory, memory);
        if (Double.isNaN(own)) {
            return 1;
        }
        double sum = 0;
        int known = 0;
        for (int s = 0; s < slots; s++) {
            double m = s == slot ? own : median(ratios, s * memory, memory);
            if (!Double.isNaN(m)) {
                sum += m;
                known++;
            }
        }
        double mean = sum / known;
        return mean > 0 ? own / mean : 1;
    }

    private static double median(double[] ratios, int from, int memory) {
        double[] values = new double[memory];
        int n = 0;
        for (int i = from; i < from + memory; i++) {
            if (!Double.isNaN(ratios[i])) {
                values[n++] = ratios[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static void push(double[] ratios, int[] pushes, int slot, int memory, double ratio) {
        ratios[slot * memory + pushes[slot] % memory] = ratio;
        pushes[slot] = (pushes[slot] + 1) % memory;
    }

    private void allocate(SeriesState state) {
        if (state.hourRatios == null || state.hourRatios.length != HOURS * hourMemory) {
            state.hourRatios = unknown(HOURS * hourMemory);
            state.hourPushes = new int[HOURS];
        }
        if (state.dayRatios == null || state.dayRatios.length != DAYS * dayMemory) {
            state.dayRatios = unknown(DAYS * dayMemory);
            state.dayPushes = new int[DAYS];
        }
    }

    private static double[] unknown(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    private ZonedDateTime local(long time) {
        return Instant.ofEpochMilli(time).atZone(zone);
    }

    private static int dayIndex(ZonedDateTime local) {
        return local.getDayOfWeek().getValue() - 1;
    }
}
