package io.nlpstream.operators.spikes;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The spike detector's settings, with defaults (see operators/README.md, "spikes"). Build with
 * {@link #builder()}; {@code build()} rejects inconsistent thresholds.
 */
public final class SpikeDetectorConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration window;
    private final Direction direction;
    private final ZoneId zone;
    private final int warmupWindows;
    private final double levelAlpha;
    private final double trendBeta;
    private final double trendDamping;
    private final int hourOfDayMemoryDays;
    private final int dayOfWeekMemoryWeeks;
    private final Duration seasonalMinHistory;
    private final double seasonalMinGain;
    private final double varianceAlpha;
    private final double huberK;
    private final double fireScore;
    private final double criticalScore;
    private final double releaseScore;
    private final double minCount;
    private final double minExcess;
    private final long minTrials;
    private final double minShareExcess;
    private final double episodeLearningWeight;
    private final int maxGapWindows;

    private SpikeDetectorConfig(Builder b) {
        this.window = b.window;
        this.direction = b.direction;
        this.zone = b.zone;
        this.warmupWindows = b.warmupWindows;
        this.levelAlpha = b.levelAlpha;
        this.trendBeta = b.trendBeta;
        this.trendDamping = b.trendDamping;
        this.hourOfDayMemoryDays = b.hourOfDayMemoryDays;
        this.dayOfWeekMemoryWeeks = b.dayOfWeekMemoryWeeks;
        this.seasonalMinHistory = b.seasonalMinHistory;
        this.seasonalMinGain = b.seasonalMinGain;
        this.varianceAlpha = b.varianceAlpha;
        this.huberK = b.huberK;
        this.fireScore = b.fireScore;
        this.criticalScore = b.criticalScore;
        this.releaseScore = b.releaseScore;
        this.minCount = b.minCount;
        this.minExcess = b.minExcess;
        this.minTrials = b.minTrials;
        this.minShareExcess = b.minShareExcess;
        this.episodeLearningWeight = b.episodeLearningWeight;
        this.maxGapWindows = b.maxGapWindows;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults, for a series of {@code window}-long windows. */
    public static SpikeDetectorConfig defaults(Duration window) {
        return builder().window(window).build();
    }

    /** A builder holding these settings, to change a few. */
    public Builder toBuilder() {
        return builder()
                .window(window)
                .direction(direction)
                .zone(zone)
                .warmupWindows(warmupWindows)
                .levelAlpha(levelAlpha)
                .trendBeta(trendBeta)
                .trendDamping(trendDamping)
                .hourOfDayMemoryDays(hourOfDayMemoryDays)
                .dayOfWeekMemoryWeeks(dayOfWeekMemoryWeeks)
                .seasonalMinHistory(seasonalMinHistory)
                .seasonalMinGain(seasonalMinGain)
                .varianceAlpha(varianceAlpha)
                .huberK(huberK)
                .fireScore(fireScore)
                .criticalScore(criticalScore)
                .releaseScore(releaseScore)
                .minCount(minCount)
                .minExcess(minExcess)
                .minTrials(minTrials)
                .minShareExcess(minShareExcess)
                .episodeLearningWeight(episodeLearningWeight)
                .maxGapWindows(maxGapWindows);
    }

    public Duration window() {
        return window;
    }

    public long windowMillis() {
        return window.toMillis();
    }

    public Direction direction() {
        return direction;
    }

    public ZoneId zone() {
        return zone;
    }

    public int warmupWindows() {
        return warmupWindows;
    }

    public double levelAlpha() {
        return levelAlpha;
    }

    public double trendBeta() {
        return trendBeta;
    }

    public double trendDamping() {
        return trendDamping;
    }

    public int hourOfDayMemoryDays() {
        return hourOfDayMemoryDays;
    }

    public int dayOfWeekMemoryWeeks() {
        return dayOfWeekMemoryWeeks;
    }

    public Duration seasonalMinHistory() {
        return seasonalMinHistory;
    }

    public double seasonalMinGain() {
        return seasonalMinGain;
    }

    public double varianceAlpha() {
        return varianceAlpha;
    }

    public double huberK() {
        return huberK;
    }

    public double fireScore() {
        return fireScore;
    }

    public double criticalScore() {
        return criticalScore;
    }

    public double releaseScore() {
        return releaseScore;
    }

    public double minCount() {
        return minCount;
    }

    public double minExcess() {
        return minExcess;
    }

    public long minTrials() {
        return minTrials;
    }

    public double minShareExcess() {
        return minShareExcess;
    }

    public double episodeLearningWeight() {
        return episodeLearningWeight;
    }

    public int maxGapWindows() {
        return maxGapWindows;
    }

    /** Builds a {@link SpikeDetectorConfig}; every setting has a default but the window. */
    public static final class Builder {
        private Duration window;
        private Direction direction = Direction.UP;
        private ZoneId zone = ZoneOffset.UTC;
        private int warmupWindows = 24;
        private double levelAlpha = 0.1;
        private double trendBeta = 0.1;
        private double trendDamping = 0.95;
        private int hourOfDayMemoryDays = 7;
        private int dayOfWeekMemoryWeeks = 3;
        private Duration seasonalMinHistory = Duration.ofDays(14);
        private double seasonalMinGain = 0.1;
        private double varianceAlpha = 0.05;
        private double huberK = 2.5;
        private double fireScore = 4.0;
        private double criticalScore = 6.0;
        private double releaseScore = 2.0;
        private double minCount = 10;
        private double minExcess = 5;
        private long minTrials = 20;
        private double minShareExcess = 0.05;
        private double episodeLearningWeight = 0.1;
        private int maxGapWindows = 1000;

        private Builder() {}

        /** The windows' length (required). */
        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        /** Which side of the baseline alerts. Default UP. */
        public Builder direction(Direction direction) {
            this.direction = direction;
            return this;
        }

        /** The zone of the hour-of-day and day-of-week rhythm. Default UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** Windows of history before the first alert. Default 24. */
        public Builder warmupWindows(int warmupWindows) {
            this.warmupWindows = warmupWindows;
            return this;
        }

        /** Smoothing of the level (0..1]. Default 0.1. */
        public Builder levelAlpha(double levelAlpha) {
            this.levelAlpha = levelAlpha;
            return this;
        }

        /** Smoothing of the trend, relative to the level's [0..1]. Default 0.1. */
        public Builder trendBeta(double trendBeta) {
            this.trendBeta = trendBeta;
            return this;
        }

        /** Damping of the trend per window (0..1]. Default 0.95. */
        public Builder trendDamping(double trendDamping) {
            this.trendDamping = trendDamping;
            return this;
        }

        /** Days of history behind each hour-of-day factor (their median), 1..28. Default 7. */
        public Builder hourOfDayMemoryDays(int hourOfDayMemoryDays) {
            this.hourOfDayMemoryDays = hourOfDayMemoryDays;
            return this;
        }

        /** Weeks of history behind each day-of-week factor (their median), 1..8. Default 3. */
        public Builder dayOfWeekMemoryWeeks(int dayOfWeekMemoryWeeks) {
            this.dayOfWeekMemoryWeeks = dayOfWeekMemoryWeeks;
            return this;
        }

        /** History needed before the rhythm is used. Default 14 days. */
        public Builder seasonalMinHistory(Duration seasonalMinHistory) {
            this.seasonalMinHistory = seasonalMinHistory;
            return this;
        }

        /** Share of residual variance the rhythm must explain to be used [0..1). Default 0.1. */
        public Builder seasonalMinGain(double seasonalMinGain) {
            this.seasonalMinGain = seasonalMinGain;
            return this;
        }

        /** Smoothing of the residual variance (0..1]. Default 0.05. */
        public Builder varianceAlpha(double varianceAlpha) {
            this.varianceAlpha = varianceAlpha;
            return this;
        }

        /** Residuals are clipped at this many standard deviations when learning. Default 2.5. */
        public Builder huberK(double huberK) {
            this.huberK = huberK;
            return this;
        }

        /** A window at or above this score opens an episode (WARNING). Default 4. */
        public Builder fireScore(double fireScore) {
            this.fireScore = fireScore;
            return this;
        }

        /** An opening window at or above this score is CRITICAL. Default 6. */
        public Builder criticalScore(double criticalScore) {
            this.criticalScore = criticalScore;
            return this;
        }

        /** An episode stays open while the score is at or above this. Default 2. */
        public Builder releaseScore(double releaseScore) {
            this.releaseScore = releaseScore;
            return this;
        }

        /**
         * Counts: the spike side (observed, or expected for a drop) must be at least this. Default
         * 10.
         */
        public Builder minCount(double minCount) {
            this.minCount = minCount;
            return this;
        }

        /** Counts: observed and expected must differ by at least this. Default 5. */
        public Builder minExcess(double minExcess) {
            this.minExcess = minExcess;
            return this;
        }

        /** Shares: a window needs at least this many items. Default 20. */
        public Builder minTrials(long minTrials) {
            this.minTrials = minTrials;
            return this;
        }

        /** Shares: observed and expected share must differ by at least this. Default 0.05. */
        public Builder minShareExcess(double minShareExcess) {
            this.minShareExcess = minShareExcess;
            return this;
        }

        /** Weight of an episode's windows in the baseline [0..1]. Default 0.1. */
        public Builder episodeLearningWeight(double episodeLearningWeight) {
            this.episodeLearningWeight = episodeLearningWeight;
            return this;
        }

        /** A longer gap restarts the key's baseline (and warm-up). Default 1000 windows. */
        public Builder maxGapWindows(int maxGapWindows) {
            this.maxGapWindows = maxGapWindows;
            return this;
        }

        public SpikeDetectorConfig build() {
            if (window == null || window.isNegative() || window.toMillis() <= 0) {
                throw new IllegalArgumentException("window must be at least 1 ms, was " + window);
            }
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(seasonalMinHistory, "seasonalMinHistory");
            if (warmupWindows < 2) {
                throw new IllegalArgumentException(
                        "warmupWindows must be at least 2, was " + warmupWindows);
            }
            requireUnit("levelAlpha", levelAlpha, false);
            requireUnit("trendBeta", trendBeta, true);
            requireUnit("trendDamping", trendDamping, false);
            if (hourOfDayMemoryDays < 1 || hourOfDayMemoryDays > 28) {
                throw new IllegalArgumentException(
                        "hourOfDayMemoryDays must be in [1, 28], was " + hourOfDayMemoryDays);
            }
            if (dayOfWeekMemoryWeeks < 1 || dayOfWeekMemoryWeeks > 8) {
                throw new IllegalArgumentException(
                        "dayOfWeekMemoryWeeks must be in [1, 8], was " + dayOfWeekMemoryWeeks);
            }
            requireUnit("varianceAlpha", varianceAlpha, false);
            requireUnit("episodeLearningWeight", episodeLearningWeight, true);
            if (!(seasonalMinGain >= 0 && seasonalMinGain < 1)) {
                throw new IllegalArgumentException(
                        "seasonalMinGain must be in [0, 1), was " + seasonalMinGain);
            }
            if (!(huberK > 0)) {
                throw new IllegalArgumentException("huberK must be positive, was " + huberK);
            }
            if (!(releaseScore >= 0)) {
                throw new IllegalArgumentException(
                        "releaseScore must not be negative, was " + releaseScore);
            }
            if (!(fireScore > releaseScore)) {
                throw new IllegalArgumentException(
                        "fireScore must be above releaseScore, was "
                                + fireScore
                                + " <= "
                                + releaseScore);
            }
            if (!(criticalScore >= fireScore)) {
                throw new IllegalArgumentException(
                        "criticalScore must be at least fireScore, was "
                                + criticalScore
                                + " < "
                                + fireScore);
            }
            if (!(minCount >= 0) || !(minExcess >= 0) || minTrials < 0 || !(minShareExcess >= 0)) {
                throw new IllegalArgumentException(
                        "minCount, minExcess, minTrials and minShareExcess must not be negative");
            }
            if (maxGapWindows < 1) {
                throw new IllegalArgumentException(
                        "maxGapWindows must be at least 1, was " + maxGapWindows);
            }
            return new SpikeDetectorConfig(this);
        }

        private static void requireUnit(String name, double value, boolean zeroAllowed) {
            boolean ok = (zeroAllowed ? value >= 0 : value > 0) && value <= 1;
            if (!ok) {
                throw new IllegalArgumentException(
                        name
                                + " must be in "
                                + (zeroAllowed ? "[0, 1]" : "(0, 1]")
                                + ", was "
                                + value);
            }
        }
    }
}
