package io.nlpstream.operators.spikes;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-key spike test, updated once per closed window and free of Flink: a damped Holt level and
 * trend with hour-of-day and day-of-week factors, learned from Huber-clipped errors on a
 * variance-stabilised scale; a window is scored against the forecast by its sampling noise plus the
 * extra variance the key's history shows. It sees only the windows given so far, in order.
 */
public final class SpikeDetector implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long WEEK_MS = 7 * 24 * 3_600_000L;

    /** E[min(z^2, 4)] for a standard normal z. */
    private static final double WINSORISED_SQUARE_MEAN = 0.9205;

    /** A floor that keeps the rhythm's ratios finite when a series sits at zero. */
    private static final double MIN_LEVEL = 0.1;

    private final SpikeDetectorConfig config;
    private final long windowMs;
    private final Rhythm rhythm;
    private final double slowAlpha;

    public SpikeDetector(SpikeDetectorConfig config) {
        this.config = config;
        this.windowMs = config.windowMillis();
        this.rhythm = new Rhythm(config);
        this.slowAlpha = Math.min(1, (double) windowMs / WEEK_MS);
    }

    public SpikeDetectorConfig config() {
        return config;
    }

    /**
     * Learns from one closed window of the state's key and returns the alerts it decides (none,
     * FIRED, or RESOLVED). Windows must come in time order; the windows missing before this one
     * count as empty (count 0) for a count series and as unknown for a share. A gap longer than
     * {@code maxGapWindows} restarts the baseline.
     *
     * @throws IllegalArgumentException when the window's length is not the configured one, when it
     *     starts before the last window's end, or when its kind differs from the series'
     */
    public List<SpikeEvent> observe(SeriesState state, SeriesObservation window) {
        if (window.windowEnd() - window.windowStart() != windowMs) {
            throw new IllegalArgumentException(
                    "window of key '"
                            + window.key()
                            + "' lasts "
                            + (window.windowEnd() - window.windowStart())
                            + " ms; the detector's windows last "
                            + windowMs
                            + " ms");
        }
        if (state.kind != null && state.kind != window.kind()) {
            throw new IllegalArgumentException(
                    "key '"
                            + window.key()
                            + "' is a "
                            + state.kind
                            + " series; got a "
                            + window.kind()
                            + " window");
        }
        List<SpikeEvent> events = new ArrayList<>(1);
        if (state.windows > 0) {
            if (window.windowStart() < state.lastWindowEnd) {
                throw new IllegalArgumentException(
                        "window of key '"
                                + window.key()
                                + "' starting at "
                                + Instant.ofEpochMilli(window.windowStart())
                                + " is not after the last window, which ended at "
                                + Instant.ofEpochMilli(state.lastWindowEnd));
            }
            long missing = (window.windowStart() - state.lastWindowEnd) / windowMs;
            if (missing > config.maxGapWindows()) {
                state.reset();
            } else if (window.kind() == SeriesKind.COUNT) {
                for (long i = 0; i < missing; i++) {
                    long start = state.lastWindowEnd;
                    step(
                            state,
                            SeriesObservation.count(
                                    window.key(), start, start + windowMs, 0, List.of()),
                            events);
                }
            }
        }
        step(state, window, events);
        return events;
    }

    /**
     * Ends the state's open episode without a window: a share whose key fell silent never comes
     * back under the release score by itself. Returns its RESOLVED alert, or none when no episode
     * is open.
     */
    public List<SpikeEvent> closeEpisode(SeriesState state, String key, long decidedAt) {
        if (!state.episodeOpen) {
            return List.of();
        }
        SpikeEvent event = resolved(state, key, decidedAt);
        state.closeEpisode();
        return List.of(event);
    }

    /**
     * The variance of the smoothed baseline relative to one window's noise: an exponentially
     * weighted mean with weight w has variance w / (2 - w) times that of one observation.
     */
    private double estimateNoise(boolean rhythm) {
        double alpha = config.levelAlpha();
        double inflation = alpha / (2 - alpha);
        if (rhythm) {
            inflation += this.rhythm.estimateNoise();
        }
        return inflation;
    }

    /** Whether the key's forecast uses its hour-of-day and day-of-week rhythm now. */
    public boolean seasonalActive(SeriesState state) {
        return rhythm.applies()
                && state.windows > 0
                && state.lastWindowEnd - state.firstWindowStart
                        >= config.seasonalMinHistory().toMillis()
                && state.absErrSeasonal <= (1 - config.seasonalMinGain()) * state.absErrPlain;
    }

    private void step(SeriesState state, SeriesObservation window, List<SpikeEvent> events) {
        SeriesKind kind = window.kind();
        if (kind == SeriesKind.PROPORTION && window.trials() == 0) {
            // a share of nothing says nothing; the episode, if any, stays as it is
            if (state.windows > 0) {
                state.lastWindowEnd = window.windowEnd();
            }
            return;
        }
        double y = kind.transform(window.value(), window.trials());
        double noise = kind.noiseVariance(window.trials());
        if (state.windows == 0) {
            state.kind = kind;
            state.firstWindowStart = window.windowStart();
            state.lastWindowEnd = window.windowEnd();
            state.level = y;
            state.slowLevel = y;
            state.trend = 0;
            state.sqErrPlain = noise;
            state.sqErrSeasonal = noise;
            state.noiseMean = noise;
            state.windows = 1;
            return;
        }

        double dampedTrend = config.trendDamping() * state.trend;
        double plain = state.level + dampedTrend;
        double factor = rhythm.factor(state, window.windowStart());
        double withRhythm = plain * factor;
        boolean rhythmUsed = seasonalActive(state);
        double forecast = rhythmUsed ? withRhythm : plain;
        double sqErr = rhythmUsed ? state.sqErrSeasonal : state.sqErrPlain;
        // The forecast errs by the window's noise, the variance the history shows beyond it, and at
        // least by the smoothed estimates' own noise (a level learned from noisy windows wanders).
        double excess =
                Math.max(sqErr, state.noiseMean * (1 + estimateNoise(rhythmUsed)))
                        - state.noiseMean;
        double sd = Math.sqrt(noise + excess);
        double score = config.direction().directed((y - forecast) / sd);
        double observed = window.observed();
        double expected = kind.inverse(forecast);

        boolean warm = state.windows >= config.warmupWindows();
        boolean inEpisode = false;
        if (warm && state.episodeOpen) {
            if (score >= config.releaseScore()) {
                inEpisode = true;
                state.episodeEnd = window.windowEnd();
                state.episodeWindows++;
                if (score > state.peakScore) {
                    recordPeak(state, window, observed, expected, score);
                }
            } else {
                events.add(resolved(state, window.key(), window.windowEnd()));
                state.closeEpisode();
            }
        } else if (warm
                && score >= config.fireScore()
                && material(kind, observed, expected, window.trials())) {
            inEpisode = true;
            state.episodeOpen = true;
            state.episodeStart = window.windowStart();
            state.episodeEnd = window.windowEnd();
            state.episodeWindows = 1;
            recordPeak(state, window, observed, expected, score);
            events.add(
                    new SpikeEvent(
                            SpikeEvent.Type.FIRED,
                            window.key(),
                            window.windowEnd(),
                            window.windowStart(),
                            window.windowEnd(),
                            observed,
                            expected,
                            score,
                            severity(score),
                            window.windowStart(),
                            window.windowEnd(),
                            1,
                            window.examples()));
        }

        learn(state, window, y, noise, plain, factor, dampedTrend, warm, inEpisode);
        state.windows++;
        state.lastWindowEnd = window.windowEnd();
    }

    private void learn(
            SeriesState state,
            SeriesObservation window,
            double y,
            double noise,
            double plain,
            double rhythm,
            double dampedTrend,
            boolean warm,
            boolean inEpisode) {
        // Running means while the history is short, exponential smoothing after.
        double alpha = Math.max(config.levelAlpha(), 1.0 / (state.windows + 1));
        double varianceAlpha = Math.max(config.varianceAlpha(), 1.0 / (state.windows + 1));
        double weight = inEpisode ? config.episodeLearningWeight() : 1;
        double k = config.huberK();

        // Holt's damped level and trend on the deseasonalised series, the rhythm multiplying it:
        // a count's hour-of-day and day-of-week rhythms multiply its rate, and so its square root.
        double error = y - plain * rhythm;
        double bound =
                warm ? k * Math.sqrt(Math.max(state.sqErrSeasonal, noise)) : Double.MAX_VALUE;
        double clipped = weight * Math.max(-bound, Math.min(bound, error));
        state.level = plain + alpha * clipped / rhythm;
        state.trend = dampedTrend + alpha * config.trendBeta() * clipped / rhythm;
        // The rhythm is measured against a slow level (about a week's mean), which the fast level
        // would not be: it follows a weekend down within hours.
        double slowAlpha = Math.max(this.slowAlpha, 1.0 / (state.windows + 1));
        state.slowLevel += slowAlpha * ((plain * rhythm + clipped) / rhythm - state.slowLevel);
        this.rhythm.learn(
                state,
                window.windowStart(),
                window.windowEnd(),
                y,
                Math.max(state.slowLevel, MIN_LEVEL));

        // Whether the rhythm helps is judged on a week's mean absolute errors, anomalies included:
        // a spike that recurs daily must count for the rhythm that explains it.
        state.absErrPlain += slowAlpha * (Math.abs(y - plain) - state.absErrPlain);
        state.absErrSeasonal += slowAlpha * (Math.abs(error) - state.absErrSeasonal);
        if (!inEpisode) {
            state.sqErrPlain =
                    smoothSquare(state.sqErrPlain, y - plain, noise, warm, varianceAlpha);
            state.sqErrSeasonal =
                    smoothSquare(state.sqErrSeasonal, error, noise, warm, varianceAlpha);
            state.noiseMean += varianceAlpha * (noise - state.noiseMean);
        }
    }

    private double smoothSquare(
            double current, double error, double noise, boolean warm, double a) {
        double square = error * error;
        if (warm) {
            // winsorised at 2 standard deviations, rescaled to stay unbiased for normal errors
            square = Math.min(square, 4 * Math.max(current, noise)) / WINSORISED_SQUARE_MEAN;
        }
        return current + a * (square - current);
    }

    /** Whether the difference is big enough to matter in the series' own unit. */
    private boolean material(SeriesKind kind, double observed, double expected, long trials) {
        boolean up =
                config.direction() == Direction.UP
                        || (config.direction() == Direction.BOTH && observed > expected);
        double excess = up ? observed - expected : expected - observed;
        if (kind == SeriesKind.COUNT) {
            double spikeSide = up ? observed : expected;
            return spikeSide >= config.minCount() && excess >= config.minExcess();
        }
        return trials >= config.minTrials() && excess >= config.minShareExcess();
    }

    private Severity severity(double score) {
        return score >= config.criticalScore() ? Severity.CRITICAL : Severity.WARNING;
    }

    private static void recordPeak(
            SeriesState state,
            SeriesObservation window,
            double observed,
            double expected,
            double score) {
        state.peakScore = score;
        state.peakObserved = observed;
        state.peakExpected = expected;
        state.peakWindowStart = window.windowStart();
        state.peakWindowEnd = window.windowEnd();
        state.peakExamples = window.examples().toArray(new String[0]);
    }

    private SpikeEvent resolved(SeriesState state, String key, long decidedAt) {
        return new SpikeEvent(
                SpikeEvent.Type.RESOLVED,
                key,
                decidedAt,
                state.peakWindowStart,
                state.peakWindowEnd,
                state.peakObserved,
                state.peakExpected,
                state.peakScore,
                severity(state.peakScore),
                state.episodeStart,
                state.episodeEnd,
                state.episodeWindows,
                Arrays.asList(state.peakExamples));
    }
}
