package io.nlpstream.operators.spikes;

/**
 * One key's baseline and open episode: a fixed number of fields (a level, a trend, two residual
 * variances and the rhythm's bounded memory), whatever the length of the history. A plain mutable
 * POJO so a Flink operator can hold it in keyed state; only {@link SpikeDetector} changes it.
 */
public class SeriesState {
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

    /** Mean absolute errors without and with the rhythm, over about a week: is it worth using? */
    public double absErrPlain;

    public double absErrSeasonal;

    /**
     * The rhythm's memory ({@link Rhythm}): per hour of day (day of week) the last ratios of a
     * complete hour (day) to the slow level, NaN where unknown, with the next slot to overwrite and
     * the sum and count of the hour (day) in progress. Null until the first rhythm update.
     */
    public double[] hourRatios;

    public int[] hourPushes;
    public double hourSum;
    public int hourCount;
    public double[] dayRatios;
    public int[] dayPushes;
    public double daySum;
    public int dayCount;

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
        absErrPlain = 0;
        absErrSeasonal = 0;
        noiseMean = 0;
        hourRatios = null;
        hourPushes = null;
        hourSum = 0;
        hourCount = 0;
        dayRatios = null;
        dayPushes = null;
        daySum = 0;
        dayCount = 0;
        closeEpisode();
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
