package io.nlpstream.drift.monitor;

import io.nlpstream.drift.detectors.Adwin;
import io.nlpstream.drift.detectors.AucDropTrigger;
import io.nlpstream.drift.detectors.LabelFreeTrigger;
import io.nlpstream.drift.detectors.PageHinkley;
import io.nlpstream.drift.metrics.WindowPolicy;
import java.io.Serializable;

/** Settings of the drift monitor; build one with {@link #builder()}. */
public final class DriftMonitorConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final WindowPolicy predictionWindow;
    private final WindowPolicy labelledWindow;
    private final int referenceSize;
    private final int emitEvery;
    private final int minLabelledForAuc;
    private final int aucEvery;
    private final int histogramBins;
    private final int eceBins;
    private final double epsilon;
    private final Double baselineAuc;
    private final long baselineAfterLabelled;
    private final double dropFraction;
    private final double rearmFraction;
    private final long requiredConsecutive;
    private final long cooldown;
    private final long retryAfter;
    private final long idleTimeoutMillis;
    private final int keepTextChars;
    private final double adwinDelta;
    private final double pageHinkleyDelta;
    private final double pageHinkleyLambda;
    private final String role;
    private final LabelFreeTrigger.Settings labelFreeTrigger;

    private DriftMonitorConfig(Builder b) {
        this.predictionWindow = b.predictionWindow;
        this.labelledWindow = b.labelledWindow;
        this.referenceSize = b.referenceSize;
        this.emitEvery = b.emitEvery;
        this.minLabelledForAuc = b.minLabelledForAuc;
        this.aucEvery = b.aucEvery;
        this.histogramBins = b.histogramBins;
        this.eceBins = b.eceBins;
        this.epsilon = b.epsilon;
        this.baselineAuc = b.baselineAuc;
        this.baselineAfterLabelled = b.baselineAfterLabelled;
        this.dropFraction = b.dropFraction;
        this.rearmFraction = b.rearmFraction;
        this.requiredConsecutive = b.requiredConsecutive;
        this.cooldown = b.cooldown;
        this.retryAfter = b.retryAfter;
        this.idleTimeoutMillis = b.idleTimeoutMillis;
        this.keepTextChars = b.keepTextChars;
        this.adwinDelta = b.adwinDelta;
        this.pageHinkleyDelta = b.pageHinkleyDelta;
        this.pageHinkleyLambda = b.pageHinkleyLambda;
        this.role = b.role;
        this.labelFreeTrigger = b.labelFreeTrigger;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The initial state of a model version, with detectors set up from these settings. */
    MonitorState newState() {
        MonitorState s = new MonitorState();
        s.reference = new ReferenceProfile(histogramBins);
        s.adwin = new Adwin(adwinDelta);
        s.pageHinkley = new PageHinkley(pageHinkleyDelta, pageHinkleyLambda, 30);
        s.trigger =
                new AucDropTrigger(
                        dropFraction, rearmFraction, requiredConsecutive, cooldown, retryAfter);
        s.baselineAuc = baselineAuc;
        return s;
    }

    public WindowPolicy predictionWindow() {
        return predictionWindow;
    }

    public WindowPolicy labelledWindow() {
        return labelledWindow;
    }

    public int referenceSize() {
        return referenceSize;
    }

    public int emitEvery() {
        return emitEvery;
    }

    public int minLabelledForAuc() {
        return minLabelledForAuc;
    }

    public int aucEvery() {
        return aucEvery;
    }

    public int histogramBins() {
        return histogramBins;
    }

    public int eceBins() {
        return eceBins;
    }

    public double epsilon() {
        return epsilon;
    }

    /** The fixed baseline AUC, or null when it is learned from the first labelled events. */
    public Double baselineAuc() {
        return baselineAuc;
    }

    public long baselineAfterLabelled() {
        return baselineAfterLabelled;
    }

    public double dropFraction() {
        return dropFraction;
    }

    public String role() {
        return role;
    }

    /** Processing time without records after which a model version's state is dropped. */
    public long idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    /**
     * Characters of each text the feedback join keeps for the retrainer (0 for a SHADOW monitor,
     * whose labelled records only the shadow evaluator reads).
     */
    public int keepTextChars() {
        return "SHADOW".equals(role) ? 0 : keepTextChars;
    }

    /**
     * When a version without labels asks for a label-free adaptation; null when adaptation is off
     * and for a SHADOW monitor (only the serving model adapts).
     */
    public LabelFreeTrigger.Settings labelFreeTrigger() {
        return "SHADOW".equals(role) ? null : labelFreeTrigger;
    }

    /** Builder of {@link DriftMonitorConfig}; {@link #build()} validates. */
    public static final class Builder {
        private WindowPolicy predictionWindow = WindowPolicy.count(1000);
        private WindowPolicy labelledWindow = WindowPolicy.count(500);
        private int referenceSize = 1000;
        private int emitEvery = 100;
        private int minLabelledForAuc = 100;
        private int aucEvery = 1;
        private int histogramBins = 10;
        private int eceBins = 10;
        private double epsilon = 1e-4;
        private Double baselineAuc;
        private long baselineAfterLabelled = 500;
        private double dropFraction = 0.05;
        private double rearmFraction = 0.02;
        private long requiredConsecutive = 100;
        private long cooldown = 1000;
        private long retryAfter = 5000;
        private long idleTimeoutMillis = 24 * 3600 * 1000L;
        private int keepTextChars = 2000;
        private double adwinDelta = 0.002;
        private double pageHinkleyDelta = 0.02;
        private double pageHinkleyLambda = 50.0;
        private String role = "LIVE";
        private LabelFreeTrigger.Settings labelFreeTrigger;

        private Builder() {}

        /** The label-free adaptation trigger; null (default) for none. */
        public Builder labelFreeTrigger(LabelFreeTrigger.Settings settings) {
            this.labelFreeTrigger = settings;
            return this;
        }

        /** Window of scored events for the label-free figures (default: last 1000). */
        public Builder predictionWindow(WindowPolicy policy) {
            this.predictionWindow = policy;
            return this;
        }

        /** Window of labelled events for AUC, accuracy and ECE (default: last 500). */
        public Builder labelledWindow(WindowPolicy policy) {
            this.labelledWindow = policy;
            return this;
        }

        /** Predictions of a version that form its reference distribution (default 1000). */
        public Builder referenceSize(int referenceSize) {
            this.referenceSize = referenceSize;
            return this;
        }

        /** Emit a DriftMetric every this many scored events (default 100). */
        public Builder emitEvery(int emitEvery) {
            this.emitEvery = emitEvery;
            return this;
        }

        /** Labelled events the window needs before AUC is reported and watched (default 100). */
        public Builder minLabelledForAuc(int minLabelledForAuc) {
            this.minLabelledForAuc = minLabelledForAuc;
            return this;
        }

        /** Recompute the window AUC for the trigger every this many labelled events (default 1). */
        public Builder aucEvery(int aucEvery) {
            this.aucEvery = aucEvery;
            return this;
        }

        /** Bins of the confidence histogram for PSI and JS (default 10). */
        public Builder histogramBins(int histogramBins) {
            this.histogramBins = histogramBins;
            return this;
        }

        /** Bins of the expected calibration error (default 10). */
        public Builder eceBins(int eceBins) {
            this.eceBins = eceBins;
            return this;
        }

        /** Smoothing added to every proportion before PSI and JS (default 1e-4). */
        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /** A fixed baseline AUC, e.g. the bundle's validation AUC; null learns it (default). */
        public Builder baselineAuc(Double baselineAuc) {
            this.baselineAuc = baselineAuc;
            return this;
        }

        /** Without a fixed baseline: the window AUC after this many labelled events (500). */
        public Builder baselineAfterLabelled(long baselineAfterLabelled) {
            this.baselineAfterLabelled = baselineAfterLabelled;
            return this;
        }

        /** Relative AUC drop that counts against the baseline (default 0.05 = 5 %). */
        public Builder dropFraction(double dropFraction) {
            this.dropFraction = dropFraction;
            return this;
        }

        /** Relative level below baseline the AUC must recover to before re-arming (0.02). */
        public Builder rearmFraction(double rearmFraction) {
            this.rearmFraction = rearmFraction;
            return this;
        }

        /** Labelled events in a row below the drop level needed to fire (default 100). */
        public Builder requiredConsecutive(long requiredConsecutive) {
            this.requiredConsecutive = requiredConsecutive;
            return this;
        }

        /** Labelled events after a fire in which no second fire may happen (default 1000). */
        public Builder cooldown(long cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /**
         * Labelled events after a fire at which the trigger re-arms although the AUC has not
         * recovered (a rejected or failed retrain changes nothing), 0 for never (default 5000).
         */
        public Builder retryAfter(long retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        /** A model version without records for this long is forgotten (default one day). */
        public Builder idleTimeoutMillis(long idleTimeoutMillis) {
            this.idleTimeoutMillis = idleTimeoutMillis;
            return this;
        }

        /** Characters of each text the feedback join keeps for the retrainer (default 2000). */
        public Builder keepTextChars(int keepTextChars) {
            this.keepTextChars = keepTextChars;
            return this;
        }

        /** Confidence parameter of ADWIN on the error stream (default 0.002). */
        public Builder adwinDelta(double adwinDelta) {
            this.adwinDelta = adwinDelta;
            return this;
        }

        /** Page-Hinkley tolerance and threshold on the error stream (default 0.02, 50). */
        public Builder pageHinkley(double delta, double lambda) {
            this.pageHinkleyDelta = delta;
            this.pageHinkleyLambda = lambda;
            return this;
        }

        /** LIVE or SHADOW, copied into every DriftMetric (default LIVE). */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        public DriftMonitorConfig build() {
            if (predictionWindow == null || labelledWindow == null) {
                throw new IllegalArgumentException("windows must not be null");
            }
            if (referenceSize < 1) {
                throw new IllegalArgumentException(
                        "referenceSize must be at least 1, got " + referenceSize);
            }
            if (emitEvery < 1) {
                throw new IllegalArgumentException(
                        "emitEvery must be at least 1, got " + emitEvery);
            }
            if (minLabelledForAuc < 2) {
                throw new IllegalArgumentException(
                        "minLabelledForAuc must be at least 2, got " + minLabelledForAuc);
            }
            if (aucEvery < 1) {
                throw new IllegalArgumentException("aucEvery must be at least 1, got " + aucEvery);
            }
            if (histogramBins < 2 || eceBins < 1) {
                throw new IllegalArgumentException(
                        "histogramBins must be at least 2 and eceBins at least 1");
            }
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
            }
            if (baselineAuc != null && !(baselineAuc > 0 && baselineAuc <= 1)) {
                throw new IllegalArgumentException(
                        "baselineAuc must be in (0, 1], got " + baselineAuc);
            }
            if (baselineAfterLabelled < minLabelledForAuc) {
                throw new IllegalArgumentException(
                        "baselineAfterLabelled must be at least minLabelledForAuc");
            }
            if (role == null || role.isEmpty()) {
                throw new IllegalArgumentException("role must not be empty");
            }
            // Let the detectors validate their own parameters now rather than at the first record.
            new AucDropTrigger(
                    dropFraction, rearmFraction, requiredConsecutive, cooldown, retryAfter);
            if (idleTimeoutMillis < 1 || keepTextChars < 0) {
                throw new IllegalArgumentException(
                        "idleTimeoutMillis must be positive and keepTextChars not negative");
            }
            new Adwin(adwinDelta);
            new PageHinkley(pageHinkleyDelta, pageHinkleyLambda, 30);
            return new DriftMonitorConfig(this);
        }
    }
}
