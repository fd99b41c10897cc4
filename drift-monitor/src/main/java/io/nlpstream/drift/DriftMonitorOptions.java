package io.nlpstream.drift;

import io.nlpstream.drift.metrics.WindowPolicy;
import io.nlpstream.drift.monitor.DriftMonitorConfig;
import io.nlpstream.drift.retrain.AdaptOptions;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.TimeDomain;

/** Every setting of the feedback join and the drift monitor, with its default and what it does. */
public final class DriftMonitorOptions {

    private DriftMonitorOptions() {}

    public static final ConfigOption<Duration> FEEDBACK_TTL =
            ConfigOptions.key("drift.feedback.ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "How long a prediction waits for its label (and a label for its"
                                    + " prediction) before it is counted as expired or unmatched.");

    public static final ConfigOption<TimeDomain> FEEDBACK_TIME_DOMAIN =
            ConfigOptions.key("drift.feedback.time-domain")
                    .enumType(TimeDomain.class)
                    .defaultValue(TimeDomain.PROCESSING_TIME)
                    .withDescription(
                            "PROCESSING_TIME or EVENT_TIME (from the record's own time, fired by"
                                    + " watermarks) for the feedback TTL.");

    public static final ConfigOption<Integer> PREDICTION_WINDOW_COUNT =
            ConfigOptions.key("drift.window.predictions.count")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Most scored events in the label-free window.");

    public static final ConfigOption<Duration> PREDICTION_WINDOW_AGE =
            ConfigOptions.key("drift.window.predictions.max-age")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "Event-time span of the label-free window behind its newest event;"
                                    + " 0 makes it count-based only.");

    public static final ConfigOption<Integer> LABELLED_WINDOW_COUNT =
            ConfigOptions.key("drift.window.labelled.count")
                    .intType()
                    .defaultValue(500)
                    .withDescription("Most labelled events in the AUC/accuracy/ECE window.");

    public static final ConfigOption<Duration> LABELLED_WINDOW_AGE =
            ConfigOptions.key("drift.window.labelled.max-age")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "Event-time span of the labelled window behind its newest event; 0"
                                    + " makes it count-based only.");

    public static final ConfigOption<Integer> REFERENCE_SIZE =
            ConfigOptions.key("drift.reference.size")
                    .intType()
                    .defaultValue(1000)
                    .withDescription(
                            "First scored events of a model version that form the reference for"
                                    + " PSI and JS.");

    public static final ConfigOption<Integer> EMIT_EVERY =
            ConfigOptions.key("drift.emit-every")
                    .intType()
                    .defaultValue(100)
                    .withDescription("A DriftMetric is emitted every this many scored events.");

    public static final ConfigOption<Integer> MIN_LABELLED =
            ConfigOptions.key("drift.auc.min-labelled")
                    .intType()
                    .defaultValue(100)
                    .withDescription("Labelled events needed before AUC is reported and watched.");

    public static final ConfigOption<Integer> AUC_EVERY =
            ConfigOptions.key("drift.auc.every")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "Recompute the exact window AUC for the trigger every this many labelled"
                                    + " events (it costs O(W log W)); the trigger still counts every"
                                    + " labelled event against the last value.");

    public static final ConfigOption<Integer> HISTOGRAM_BINS =
            ConfigOptions.key("drift.histogram.bins")
                    .intType()
                    .defaultValue(10)
                    .withDescription("Equal-width confidence bins for PSI and JS.");

    public static final ConfigOption<Integer> ECE_BINS =
            ConfigOptions.key("drift.ece.bins")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "Equal-width confidence bins of the expected calibration error.");

    public static final ConfigOption<Double> EPSILON =
            ConfigOptions.key("drift.epsilon")
                    .doubleType()
                    .defaultValue(1e-4)
                    .withDescription("Smoothing added to every proportion before PSI and JS.");

    public static final ConfigOption<Double> BASELINE_AUC =
            ConfigOptions.key("drift.baseline.auc")
                    .doubleType()
                    .noDefaultValue()
                    .withDescription(
                            "Fixed baseline AUC of the model (e.g. from its bundle); unset learns"
                                    + " it from the first labelled events.");

    public static final ConfigOption<Integer> BASELINE_AFTER_LABELLED =
            ConfigOptions.key("drift.baseline.after-labelled")
                    .intType()
                    .defaultValue(500)
                    .withDescription(
                            "Without a fixed baseline: the window AUC after this many labelled"
                                    + " events becomes the baseline.");

    public static final ConfigOption<Double> TRIGGER_DROP =
            ConfigOptions.key("drift.trigger.drop")
                    .doubleType()
                    .defaultValue(0.05)
                    .withDescription("Relative AUC drop below baseline that counts (0.05 = 5%).");

    public static final ConfigOption<Double> TRIGGER_REARM =
            ConfigOptions.key("drift.trigger.rearm")
                    .doubleType()
                    .defaultValue(0.02)
                    .withDescription(
                            "After a fire, the AUC must recover to within this relative distance"
                                    + " of the baseline before the trigger can fire again.");

    public static final ConfigOption<Integer> TRIGGER_CONSECUTIVE =
            ConfigOptions.key("drift.trigger.consecutive")
                    .intType()
                    .defaultValue(100)
                    .withDescription(
                            "Labelled events in a row below the drop level needed to fire.");

    public static final ConfigOption<Integer> TRIGGER_COOLDOWN =
            ConfigOptions.key("drift.trigger.cooldown")
                    .intType()
                    .defaultValue(1000)
                    .withDescription(
                            "Labelled events after a fire during which it cannot fire again.");

    public static final ConfigOption<Integer> TRIGGER_RETRY_AFTER =
            ConfigOptions.key("drift.trigger.retry-after")
                    .intType()
                    .defaultValue(5000)
                    .withDescription(
                            "Labelled events after a fire at which the trigger re-arms although"
                                    + " the AUC has not recovered (a retrain was rejected or"
                                    + " failed); 0 for never.");

    public static final ConfigOption<Duration> IDLE_TIMEOUT =
            ConfigOptions.key("drift.state.idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofDays(1))
                    .withDescription(
                            "A model version that sees no record for this long (processing"
                                    + " time) is forgotten by the monitor.");

    public static final ConfigOption<Integer> KEEP_TEXT_CHARS =
            ConfigOptions.key("drift.join.text-chars")
                    .intType()
                    .defaultValue(2000)
                    .withDescription(
                            "Characters of each text the live feedback join keeps for the"
                                    + " retrainer while the prediction waits for its label.");

    public static final ConfigOption<Double> ADWIN_DELTA =
            ConfigOptions.key("drift.adwin.delta")
                    .doubleType()
                    .defaultValue(0.002)
                    .withDescription("Confidence parameter of ADWIN on the error stream.");

    public static final ConfigOption<Double> PAGE_HINKLEY_DELTA =
            ConfigOptions.key("drift.page-hinkley.delta")
                    .doubleType()
                    .defaultValue(0.02)
                    .withDescription("Error-rate increase Page-Hinkley tolerates.");

    public static final ConfigOption<Double> PAGE_HINKLEY_LAMBDA =
            ConfigOptions.key("drift.page-hinkley.lambda")
                    .doubleType()
                    .defaultValue(50.0)
                    .withDescription("Alarm threshold of Page-Hinkley.");

    public static final ConfigOption<String> ROLE =
            ConfigOptions.key("drift.role")
                    .stringType()
                    .defaultValue("LIVE")
                    .withDescription("LIVE or SHADOW, written into every DriftMetric.");

    /** The monitor settings these options describe; validated by the builder. */
    public static DriftMonitorConfig monitorConfig(ReadableConfig conf) {
        return DriftMonitorConfig.builder()
                .predictionWindow(
                        window(conf.get(PREDICTION_WINDOW_COUNT), conf.get(PREDICTION_WINDOW_AGE)))
                .labelledWindow(
                        window(conf.get(LABELLED_WINDOW_COUNT), conf.get(LABELLED_WINDOW_AGE)))
                .referenceSize(conf.get(REFERENCE_SIZE))
                .emitEvery(conf.get(EMIT_EVERY))
                .minLabelledForAuc(conf.get(MIN_LABELLED))
                .aucEvery(conf.get(AUC_EVERY))
                .histogramBins(conf.get(HISTOGRAM_BINS))
                .eceBins(conf.get(ECE_BINS))
                .epsilon(conf.get(EPSILON))
                .baselineAuc(conf.getOptional(BASELINE_AUC).orElse(null))
                .baselineAfterLabelled(conf.get(BASELINE_AFTER_LABELLED))
                .dropFraction(conf.get(TRIGGER_DROP))
                .rearmFraction(conf.get(TRIGGER_REARM))
                .requiredConsecutive(conf.get(TRIGGER_CONSECUTIVE))
                .cooldown(conf.get(TRIGGER_COOLDOWN))
                .retryAfter(conf.get(TRIGGER_RETRY_AFTER))
                .idleTimeoutMillis(conf.get(IDLE_TIMEOUT).toMillis())
                .keepTextChars(conf.get(KEEP_TEXT_CHARS))
                .adwinDelta(conf.get(ADWIN_DELTA))
                .pageHinkley(conf.get(PAGE_HINKLEY_DELTA), conf.get(PAGE_HINKLEY_LAMBDA))
                .role(conf.get(ROLE))
                .labelFreeTrigger(AdaptOptions.trigger(conf))
                .build();
    }

    private static WindowPolicy window(int count, Duration age) {
        return new WindowPolicy(count, age.toMillis());
    }
}
