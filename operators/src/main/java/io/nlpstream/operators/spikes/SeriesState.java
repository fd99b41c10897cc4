package io.nlpstream.operators.spikes;

import java.util.Arrays;

/**
 * One key's baseline and open episode: a fixed number of fields (a level, a trend, two residual
 * variances and 31 rhythm factors), whatever the length of the history. A plain mutable POJO so a
 * Flink operator can hold it in keyed state; only {@link SpikeDetector} changes it.
 */
public class SeriesState {
    static final int HOURS = 24;
    static final int DAYS = 7;

    /** The series' kind, fixed by its first window; null before. */
    public SeriesKind kind;

    /** Windows learned from so far (a gap of a count series counts its zero windows). */
    public long windows;

    public long firstWindowStart;
    public long lastWindowEnd;

    /** Deseasonalised level and trend, on the kind's variance-stabilised scale. */
    public double level;

    public double trend;

    /** The deseasonalised level averaged over about a week: the rhythm's reference. */
    public double slowLevel;

    /** Smoothed squared one-step errors without and with the rhythm, and the sampling noise. */
    public double sqErrPlain;

    public double sqErrSeasonal;
    public double noiseMean;

    /** Rhythm factors multiplying the level on the stabilised scale, each set of mean 1. */
    public double[] hourFactors = ones(HOURS);

    public double[] dayFactors = ones(DAYS);

    public boolean episodeOpen;
    public long episodeStart;
    public long episodeEnd;
    public int episodeWindows;
    public double peakScore;
    public double peakObserved;
    public double peakExpected;
    public long peakWindowStart;
    public long peakWindowEnd;
    public String[] peakExamples = new String[0];

    /** Forgets everything: the next window starts a new baseline (and a new warm-up). */
    void reset() {
        kind = null;
        windows = 0;
        firstWindowStart = 0;
        lastWindowEnd = 0;
        level = 0;
        trend = 0;
        slowLevel = 0;
        sqErrPlain = 0;
        sqErrSeasonal = 0;
        noiseMean = 0;
        Arrays.fill(hourFactors, 1);
        Arrays.fill(dayFactors, 1);
        closeEpisode();
    }

    private static double[] ones(int n) {
        double[] factors = new double[n];
        Arrays.fill(factors, 1);
        return factors;
    }

    void closeEpisode() {
        episodeOpen = false;
        episodeStart = 0;
        episodeEnd = 0;
        episodeWindows = 0;
        peakScore = 0;
        peakObserved = 0;
        peakExpected = 0;
        peakWindowStart = 0;
        peakWindowEnd = 0;
        peakExamples = new String[0];
    }
}
